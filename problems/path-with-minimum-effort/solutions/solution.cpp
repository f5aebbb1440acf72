class Solution {
public:
    int minimumEffortPath(vector<vector<int>>& heights) {
        int rows = heights.size(), cols = heights[0].size();
        int n = rows * cols;
        // best[r * cols + c] is the smallest effort found so far to reach (r, c).
        vector<int> best(n, INT_MAX);
        priority_queue<pair<int, int>, vector<pair<int, int>>, greater<>> heap;
        best[0] = 0;
        heap.push({0, 0});
        const int dr[4] = {-1, 1, 0, 0}, dc[4] = {0, 0, -1, 1};
        while (!heap.empty()) {
            auto [d, i] = heap.top();
            heap.pop();
            if (d > best[i]) {
                continue;  // stale entry
            }
            if (i == n - 1) {
                return d;
            }
            int r = i / cols, c = i % cols;
            for (int k = 0; k < 4; k++) {
                int nr = r + dr[k], nc = c + dc[k];
                if (nr < 0 || nr >= rows || nc < 0 || nc >= cols) {
                    continue;
                }
                int nd = max(d, abs(heights[nr][nc] - heights[r][c]));
                int j = nr * cols + nc;
                if (nd < best[j]) {
                    best[j] = nd;
                    heap.push({nd, j});
                }
            }
        }
        return best[n - 1];
    }
};
