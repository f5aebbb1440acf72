class Solution {
    public int minimumEffortPath(int[][] heights) {
        // Brute force: Bellman-Ford style, sweep over every cell and relax its
        // neighbours until a whole sweep changes nothing.
        int rows = heights.length, cols = heights[0].length;
        int[][] best = new int[rows][cols];
        for (int[] row : best) {
            Arrays.fill(row, Integer.MAX_VALUE);
        }
        best[0][0] = 0;
        int[] dr = {-1, 1, 0, 0}, dc = {0, 0, -1, 1};
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int d = best[r][c];
                    if (d == Integer.MAX_VALUE) {
                        continue;
                    }
                    for (int k = 0; k < 4; k++) {
                        int nr = r + dr[k], nc = c + dc[k];
                        if (nr < 0 || nr >= rows || nc < 0 || nc >= cols) {
                            continue;
                        }
                        int nd = Math.max(d, Math.abs(heights[nr][nc] - heights[r][c]));
                        if (nd < best[nr][nc]) {
                            best[nr][nc] = nd;
                            changed = true;
                        }
                    }
                }
            }
        }
        return best[rows - 1][cols - 1];
    }
}
