class Solution {
public:
    int orangesRotting(vector<vector<int>>& grid) {
        // Brute force: simulate minute by minute, rescanning the whole grid.
        int rows = grid.size(), cols = grid[0].size();
        int minutes = 0;
        while (true) {
            int fresh = 0;
            vector<pair<int, int>> rot;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    if (grid[r][c] != 1) {
                        continue;
                    }
                    fresh++;
                    if ((r > 0 && grid[r - 1][c] == 2) || (r + 1 < rows && grid[r + 1][c] == 2) ||
                        (c > 0 && grid[r][c - 1] == 2) || (c + 1 < cols && grid[r][c + 1] == 2)) {
                        rot.push_back({r, c});
                    }
                }
            }
            if (fresh == 0) {
                return minutes;
            }
            if (rot.empty()) {
                return -1;
            }
            for (auto [r, c] : rot) {
                grid[r][c] = 2;
            }
            minutes++;
        }
    }
};
