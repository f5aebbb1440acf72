class Solution {
    public boolean containsDuplicate(int[] nums) {
        // Wrong: the loop stops one pair early and never compares the two
        // largest values of the sorted array.
        Arrays.sort(nums);
        for (int i = 0; i + 2 < nums.length; i++) {
            if (nums[i] == nums[i + 1]) {
                return true;
            }
        }
        return false;
    }
}
