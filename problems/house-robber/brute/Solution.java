class Solution {
    public int rob(int[] nums) {
        // Brute force: take or skip every house recursively, without
        // remembering results. Exponential in the number of houses.
        return best(nums, 0);
    }

    private int best(int[] nums, int i) {
        if (i >= nums.length) {
            return 0;
        }
        return Math.max(best(nums, i + 1), nums[i] + best(nums, i + 2));
    }
}
