class Solution:
    def largestRectangleArea(self, heights: List[int]) -> int:
        # Wrong: bars still on the stack after the loop are never measured.
        stack = []
        best = 0
        for i, h in enumerate(heights):
            while stack and heights[stack[-1]] >= h:
                j = stack.pop()
                left = stack[-1] if stack else -1
                best = max(best, heights[j] * (i - left - 1))
            stack.append(i)
        return best
