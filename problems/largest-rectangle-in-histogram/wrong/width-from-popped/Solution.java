class Solution {
    public int largestRectangleArea(int[] heights) {
        // Wrong: the width starts at the popped bar itself, ignoring the
        // taller bars popped earlier on its left.
        int n = heights.length;
        Deque<Integer> stack = new ArrayDeque<>();
        int best = 0;
        for (int i = 0; i <= n; i++) {
            int h = i < n ? heights[i] : 0;
            while (!stack.isEmpty() && heights[stack.peek()] >= h) {
                int j = stack.pop();
                best = Math.max(best, heights[j] * (i - j));
            }
            stack.push(i);
        }
        return best;
    }
}
