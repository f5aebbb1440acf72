class Solution {
public:
    int trap(vector<int>& height) {
        // Brute force: for every bar, scan for the tallest bar on each side.
        // O(n^2).
        int n = height.size();
        int water = 0;
        for (int i = 0; i < n; i++) {
            int left = 0;
            for (int j = 0; j <= i; j++) {
                left = max(left, height[j]);
            }
            int right = 0;
            for (int j = i; j < n; j++) {
                right = max(right, height[j]);
            }
            water += min(left, right) - height[i];
        }
        return water;
    }
};
