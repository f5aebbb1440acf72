class Solution {
public:
    int minimumEffortPath(vector<vector<int>>& heights) {
        // Mistake: a depth-first walk that always tries the gentlest step
        // first and returns the effort of the first route that arrives.
        int rows = heights.size(), cols = heights[0].size();
        vector<vector<bool>> seen(rows, vector<bool>(cols, false));
        int result = -1;
        walk(heights, seen, 0, 0, 0, result);
        return result;
    }

private:
    bool walk(vector<vector<int>>& heights, vector<vector<bool>>& seen, int r, int c, int effort, int& result) {
        int rows = heights.size(), cols = heights[0].size();
        seen[r][c] = true;
        if (r == rows - 1 && c == cols - 1) {
            result = effort;
            return true;
        }
        vector<array<int, 3>> next;
        const int dr[4] = {-1, 1, 0, 0}, dc[4] = {0, 0, -1, 1};
        for (int k = 0; k < 4; k++) {
            int nr = r + dr[k], nc = c + dc[k];
            if (nr >= 0 && nr < rows && nc >= 0 && nc < cols && !seen[nr][nc]) {
                next.push_back({abs(heights[nr][nc] - heights[r][c]), nr, nc});
            }
        }
        sort(next.begin(), next.end());
        for (auto [d, nr, nc] : next) {
            if (!seen[nr][nc] && walk(heights, seen, nr, nc, max(effort, d), result)) {
                return true;
            }
        }
        return false;
    }
};
