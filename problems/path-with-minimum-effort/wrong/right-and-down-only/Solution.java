class Solution {
    public int minimumEffortPath(int[][] heights) {
        // Mistake: a dynamic programme that only moves right or down, so it
        // never finds a route that has to go back up or to the left.
        int rows = heights.length, cols = heights[0].length;
        int[][] dp = new int[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (r == 0 && c == 0) {
                    continue;
                }
                int best = Integer.MAX_VALUE;
                if (r > 0) {
                    best = Math.min(best, Math.max(dp[r - 1][c], Math.abs(heights[r][c] - heights[r - 1][c])));
                }
                if (c > 0) {
                    best = Math.min(best, Math.max(dp[r][c - 1], Math.abs(heights[r][c] - heights[r][c - 1])));
                }
                dp[r][c] = best;
            }
        }
        return dp[rows - 1][cols - 1];
    }
}
