class Solution {
public:
    int maxArea(vector<int>& height) {
        // Wrong: the widest container is not always the largest.
        int n = height.size();
        return (n - 1) * min(height[0], height[n - 1]);
    }
};
