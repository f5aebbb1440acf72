class Solution:
    def trap(self, height: List[int]) -> int:
        # Brute force: for every bar, scan for the tallest bar on each side.
        # O(n^2).
        n = len(height)
        water = 0
        for i in range(n):
            left = 0
            for j in range(i + 1):
                left = max(left, height[j])
            right = 0
            for j in range(i, n):
                right = max(right, height[j])
            water += min(left, right) - height[i]
        return water
