class Solution {
    public boolean containsDuplicate(int[] nums) {
        // Brute force: compare every pair. O(n^2).
        for (int i = 0; i < nums.length; i++) {
            for (int j = i + 1; j < nums.length; j++) {
                if (nums[i] == nums[j]) {
                    return true;
                }
            }
        }
        return false;
    }
}
