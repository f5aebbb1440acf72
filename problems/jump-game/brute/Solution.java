class Solution {
    public boolean canJump(int[] nums) {
        // good[i]: the last index can be reached from i. Every jump is tried: O(n^2).
        int n = nums.length;
        boolean[] good = new boolean[n];
        good[n - 1] = true;
        for (int i = n - 2; i >= 0; i--) {
            for (int j = 1; j <= nums[i] && i + j < n; j++) {
                if (good[i + j]) {
                    good[i] = true;
                    break;
                }
            }
        }
        return good[0];
    }
}
