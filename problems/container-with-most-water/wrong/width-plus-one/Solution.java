class Solution {
    public int maxArea(int[] height) {
        // Wrong: counts the width as r - l + 1.
        int l = 0, r = height.length - 1;
        int best = 0;
        while (l < r) {
            best = Math.max(best, (r - l + 1) * Math.min(height[l], height[r]));
            if (height[l] < height[r]) {
                l++;
            } else {
                r--;
            }
        }
        return best;
    }
}
