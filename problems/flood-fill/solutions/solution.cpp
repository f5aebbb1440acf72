class Solution {
public:
    vector<vector<int>> floodFill(vector<vector<int>>& image, int sr, int sc, int color) {
        int old = image[sr][sc];
        if (old == color) {
            return image;
        }
        int rows = image.size(), cols = image[0].size();
        vector<pair<int, int>> stack = {{sr, sc}};
        while (!stack.empty()) {
            auto [r, c] = stack.back();
            stack.pop_back();
            if (r < 0 || r >= rows || c < 0 || c >= cols || image[r][c] != old) {
                continue;
            }
            image[r][c] = color;
            stack.push_back({r + 1, c});
            stack.push_back({r - 1, c});
            stack.push_back({r, c + 1});
            stack.push_back({r, c - 1});
        }
        return image;
    }
};
