class Solution {
    public int[][] floodFill(int[][] image, int sr, int sc, int color) {
        int old = image[sr][sc];
        if (old == color) {
            return image;
        }
        int rows = image.length, cols = image[0].length;
        ArrayDeque<int[]> stack = new ArrayDeque<>();
        stack.push(new int[] {sr, sc});
        while (!stack.isEmpty()) {
            int[] p = stack.pop();
            int r = p[0], c = p[1];
            if (r < 0 || r >= rows || c < 0 || c >= cols || image[r][c] != old) {
                continue;
            }
            image[r][c] = color;
            stack.push(new int[] {r + 1, c});
            stack.push(new int[] {r - 1, c});
            stack.push(new int[] {r, c + 1});
            stack.push(new int[] {r, c - 1});
        }
        return image;
    }
}
