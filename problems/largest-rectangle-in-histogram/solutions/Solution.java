class Solution {
    public int largestRectangleArea(int[] heights) {
        int n = heights.length;
        int[] stack = new int[n + 1]; // indices; heights never decrease upward
        int top = 0;
        int best = 0;
        for (int i = 0; i <= n; i++) {
            int h = i < n ? heights[i] : 0; // a 0 bar at the end pops everything
            while (top > 0 && heights[stack[top - 1]] >= h) {
                int j = stack[--top];
                int left = top > 0 ? stack[top - 1] : -1;
                best = Math.max(best, heights[j] * (i - left - 1));
            }
            stack[top++] = i;
        }
        return best;
    }
}
