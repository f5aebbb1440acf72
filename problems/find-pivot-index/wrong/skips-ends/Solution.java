class Solution {
    public int pivotIndex(int[] nums) {
        // Wrong: only interior indices are tried, as if a pivot needed
        // elements on both sides.
        int total = 0;
        for (int x : nums) {
            total += x;
        }
        int left = nums[0];
        for (int i = 1; i + 1 < nums.length; i++) {
            if (left == total - left - nums[i]) {
                return i;
            }
            left += nums[i];
        }
        return -1;
    }
}
