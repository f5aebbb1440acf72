class Solution {
    public int firstMissingPositive(int[] nums) {
        // Wrong: sign marking that replaces only negative values by n + 1;
        // a zero stays and is read as "value 0", index -1.
        int n = nums.length;
        for (int i = 0; i < n; i++) {
            if (nums[i] < 0) {
                nums[i] = n + 1;
            }
        }
        for (int i = 0; i < n; i++) {
            int v = Math.abs(nums[i]);
            if (v <= n) {
                nums[v - 1] = -Math.abs(nums[v - 1]);
            }
        }
        for (int i = 0; i < n; i++) {
            if (nums[i] > 0) {
                return i + 1;
            }
        }
        return n + 1;
    }
}
