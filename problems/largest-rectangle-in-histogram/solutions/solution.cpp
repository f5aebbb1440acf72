class Solution {
public:
    int largestRectangleArea(vector<int>& heights) {
        int n = heights.size();
        vector<int> stack; // indices; heights never decrease upward
        stack.reserve(n + 1);
        int best = 0;
        for (int i = 0; i <= n; i++) {
            int h = i < n ? heights[i] : 0; // a 0 bar at the end pops everything
            while (!stack.empty() && heights[stack.back()] >= h) {
                int j = stack.back();
                stack.pop_back();
                int left = stack.empty() ? -1 : stack.back();
                best = max(best, heights[j] * (i - left - 1));
            }
            stack.push_back(i);
        }
        return best;
    }
};
