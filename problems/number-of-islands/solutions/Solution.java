class Solution {
    public int numIslands(char[][] grid) {
        int rows = grid.length;
        int cols = grid[0].length;
        int[][] dirs = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        int islands = 0;
        // An explicit stack of cell indexes avoids deep recursion on big islands.
        ArrayDeque<Integer> stack = new ArrayDeque<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (grid[r][c] != '1') {
                    continue;
                }
                islands++;
                // Sink the whole island so none of its cells is counted again.
                grid[r][c] = '0';
                stack.push(r * cols + c);
                while (!stack.isEmpty()) {
                    int cell = stack.pop();
                    int i = cell / cols;
                    int j = cell % cols;
                    for (int[] d : dirs) {
                        int x = i + d[0];
                        int y = j + d[1];
                        if (x >= 0 && x < rows && y >= 0 && y < cols && grid[x][y] == '1') {
                            grid[x][y] = '0';
                            stack.push(x * cols + y);
                        }
                    }
                }
            }
        }
        return islands;
    }
}
