class Solution {
    public int maxArea(int[] height) {
        // Brute force: every pair of lines. O(n^2).
        int n = height.length;
        int best = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                best = Math.max(best, (j - i) * Math.min(height[i], height[j]));
            }
        }
        return best;
    }
}
