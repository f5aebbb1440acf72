class Solution {
    public int[][] floodFill(int[][] image, int sr, int sc, int color) {
        // Mistake: no check for color == starting colour; recursion never ends.
        fill(image, sr, sc, image[sr][sc], color);
        return image;
    }

    private void fill(int[][] image, int r, int c, int old, int color) {
        if (r < 0 || r >= image.length || c < 0 || c >= image[0].length || image[r][c] != old) {
            return;
        }
        image[r][c] = color;
        fill(image, r + 1, c, old, color);
        fill(image, r - 1, c, old, color);
        fill(image, r, c + 1, old, color);
        fill(image, r, c - 1, old, color);
    }
}
