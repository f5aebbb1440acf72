class Solution:
    def largestRectangleArea(self, heights: List[int]) -> int:
        stack = []  # indices; heights never decrease from bottom to top
        best = 0
        n = len(heights)
        for i in range(n + 1):
            h = heights[i] if i < n else 0  # a 0 bar at the end pops everything
            while stack and heights[stack[-1]] >= h:
                j = stack.pop()
                left = stack[-1] if stack else -1
                area = heights[j] * (i - left - 1)
                if area > best:
                    best = area
            stack.append(i)
        return best
