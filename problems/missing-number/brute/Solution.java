class Solution {
    public int missingNumber(int[] nums) {
        // Brute force: try every candidate 0..n with a linear search. O(n^2).
        int n = nums.length;
        for (int k = 0; k <= n; k++) {
            boolean found = false;
            for (int i = 0; i < n; i++) {
                if (nums[i] == k) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return k;
            }
        }
        return -1;
    }
}
