class Solution {
    public int orangesRotting(int[][] grid) {
        int rows = grid.length, cols = grid[0].length;
        int fresh = 0;
        int[] queue = new int[rows * cols];
        int head = 0, tail = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (grid[r][c] == 2) {
                    queue[tail++] = r * cols + c;
                } else if (grid[r][c] == 1) {
                    fresh++;
                }
            }
        }
        int minutes = 0;
        int[] dr = {1, -1, 0, 0}, dc = {0, 0, 1, -1};
        while (fresh > 0 && head < tail) {
            int end = tail; // one level: one minute
            while (head < end) {
                int cell = queue[head++];
                int r = cell / cols, c = cell % cols;
                for (int k = 0; k < 4; k++) {
                    int x = r + dr[k], y = c + dc[k];
                    if (x >= 0 && x < rows && y >= 0 && y < cols && grid[x][y] == 1) {
                        grid[x][y] = 2;
                        fresh--;
                        queue[tail++] = x * cols + y;
                    }
                }
            }
            if (tail > end) {
                minutes++;
            }
        }
        return fresh > 0 ? -1 : minutes;
    }
}
