class Solution {
    public boolean canJump(int[] nums) {
        int i = 0, n = nums.length;
        while (i < n - 1) {
            if (nums[i] == 0) return false;
            i += nums[i];
        }
        return true;
    }
}
