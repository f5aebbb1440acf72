class Solution {
    public int orangesRotting(int[][] grid) {
        // Brute force: simulate minute by minute, rescanning the whole grid.
        int rows = grid.length, cols = grid[0].length;
        int minutes = 0;
        int[] rot = new int[2 * rows * cols];
        while (true) {
            int fresh = 0, k = 0;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    if (grid[r][c] != 1) {
                        continue;
                    }
                    fresh++;
                    if ((r > 0 && grid[r - 1][c] == 2) || (r + 1 < rows && grid[r + 1][c] == 2)
                            || (c > 0 && grid[r][c - 1] == 2) || (c + 1 < cols && grid[r][c + 1] == 2)) {
                        rot[k++] = r;
                        rot[k++] = c;
                    }
                }
            }
            if (fresh == 0) {
                return minutes;
            }
            if (k == 0) {
                return -1;
            }
            for (int i = 0; i < k; i += 2) {
                grid[rot[i]][rot[i + 1]] = 2;
            }
            minutes++;
        }
    }
}
