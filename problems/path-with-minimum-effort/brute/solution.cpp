class Solution {
public:
    int minimumEffortPath(vector<vector<int>>& heights) {
        // Brute force: Bellman-Ford style, sweep over every cell and relax its
        // neighbours until a whole sweep changes nothing.
        int rows = heights.size(), cols = heights[0].size();
        vector<vector<int>> best(rows, vector<int>(cols, INT_MAX));
        best[0][0] = 0;
        const int dr[4] = {-1, 1, 0, 0}, dc[4] = {0, 0, -1, 1};
        bool changed = true;
        while (changed) {
            changed = false;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int d = best[r][c];
                    if (d == INT_MAX) {
                        continue;
                    }
                    for (int k = 0; k < 4; k++) {
                        int nr = r + dr[k], nc = c + dc[k];
                        if (nr < 0 || nr >= rows || nc < 0 || nc >= cols) {
                            continue;
                        }
                        int nd = max(d, abs(heights[nr][nc] - heights[r][c]));
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
};
