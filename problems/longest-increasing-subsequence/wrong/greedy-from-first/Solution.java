class Solution {
    public int lengthOfLIS(int[] nums) {
        // Wrong: starts at the first element and greedily takes every value
        // larger than the last one taken.
        int count = 1;
        int last = nums[0];
        for (int i = 1; i < nums.length; i++) {
            if (nums[i] > last) {
                count++;
                last = nums[i];
            }
        }
        return count;
    }
}
