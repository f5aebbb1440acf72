class Solution {
public:
    int orangesRotting(vector<vector<int>>& grid) {
        int rows = grid.size(), cols = grid[0].size();
        int minutes = 0;
        while (true) {
            int fresh = 0;
            bool changed = false;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    if (grid[r][c] != 1) {
                        continue;
                    }
                    // Mistake: rots in place, so an orange rotted this minute
                    // rots its right and lower neighbours in the same minute.
                    if ((r > 0 && grid[r - 1][c] == 2) || (r + 1 < rows && grid[r + 1][c] == 2) ||
                        (c > 0 && grid[r][c - 1] == 2) || (c + 1 < cols && grid[r][c + 1] == 2)) {
                        grid[r][c] = 2;
                        changed = true;
                    } else {
                        fresh++;
                    }
                }
            }
            if (changed) {
                minutes++;
            }
            if (fresh == 0) {
                return minutes;
            }
            if (!changed) {
                return -1;
            }
        }
    }
};
