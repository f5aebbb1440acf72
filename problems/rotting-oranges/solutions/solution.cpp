class Solution {
public:
    int orangesRotting(vector<vector<int>>& grid) {
        int rows = grid.size(), cols = grid[0].size();
        int fresh = 0;
        vector<pair<int, int>> level;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (grid[r][c] == 2) {
                    level.push_back({r, c});
                } else if (grid[r][c] == 1) {
                    fresh++;
                }
            }
        }
        int dr[4] = {1, -1, 0, 0}, dc[4] = {0, 0, 1, -1};
        int minutes = 0;
        while (fresh > 0 && !level.empty()) {
            vector<pair<int, int>> next;
            for (auto [r, c] : level) {
                for (int k = 0; k < 4; k++) {
                    int x = r + dr[k], y = c + dc[k];
                    if (x >= 0 && x < rows && y >= 0 && y < cols && grid[x][y] == 1) {
                        grid[x][y] = 2;
                        next.push_back({x, y});
                    }
                }
            }
            fresh -= next.size();
            if (!next.empty()) {
                minutes++;
            }
            level = move(next);
        }
        return fresh > 0 ? -1 : minutes;
    }
};
