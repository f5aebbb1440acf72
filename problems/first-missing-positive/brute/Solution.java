class Solution {
    public int firstMissingPositive(int[] nums) {
        // Brute force: try 1, 2, 3, ... and scan the array for each.
        // O(n^2) when many small positives are present.
        for (int k = 1; ; k++) {
            boolean found = false;
            for (int x : nums) {
                if (x == k) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return k;
            }
        }
    }
}
