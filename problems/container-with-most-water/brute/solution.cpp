class Solution {
public:
    int maxArea(vector<int>& height) {
        // Brute force: every pair of lines. O(n^2).
        int n = height.size();
        int best = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                best = max(best, (j - i) * min(height[i], height[j]));
            }
        }
        return best;
    }
};
