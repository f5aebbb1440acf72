class Solution {
    public int largestRectangleArea(int[] heights) {
        // Brute force: every run of bars with its lowest bar. O(n^2).
        int best = 0;
        int n = heights.length;
        for (int i = 0; i < n; i++) {
            int low = heights[i];
            for (int j = i; j < n; j++) {
                if (heights[j] < low) {
                    low = heights[j];
                }
                if (low * (j - i + 1) > best) {
                    best = low * (j - i + 1);
                }
            }
        }
        return best;
    }
}
