class Solution:
    def maxArea(self, height: List[int]) -> int:
        # Brute force: every pair of lines. O(n^2).
        n = len(height)
        best = 0
        for i in range(n):
            for j in range(i + 1, n):
                best = max(best, (j - i) * min(height[i], height[j]))
        return best
