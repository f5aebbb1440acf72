class Solution:
    def maxArea(self, height: List[int]) -> int:
        # Wrong: moves the pointer at the taller line, throwing away the
        # line that could still make a better container.
        l, r = 0, len(height) - 1
        best = 0
        while l < r:
            best = max(best, (r - l) * min(height[l], height[r]))
            if height[l] > height[r]:
                l += 1
            else:
                r -= 1
        return best
