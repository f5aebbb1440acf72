class Solution {
public:
    vector<vector<int>> floodFill(vector<vector<int>>& image, int sr, int sc, int color) {
        if (image[sr][sc] == color) {
            return image;
        }
        fill(image, sr, sc, sr, sc, color);
        return image;
    }

private:
    // Mistake: compares with image[sr][sc], which is already repainted after
    // the first step, so only the starting pixel changes.
    void fill(vector<vector<int>>& image, int r, int c, int sr, int sc, int color) {
        image[r][c] = color;
        int dr[4] = {1, -1, 0, 0}, dc[4] = {0, 0, 1, -1};
        for (int k = 0; k < 4; k++) {
            int x = r + dr[k], y = c + dc[k];
            if (x >= 0 && x < (int)image.size() && y >= 0 && y < (int)image[0].size() && image[x][y] == image[sr][sc] && image[x][y] != color) {
                fill(image, x, y, sr, sc, color);
            }
        }
    }
};
