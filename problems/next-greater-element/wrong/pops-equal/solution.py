class Solution:
    def nextGreaterElement(self, nums: List[int]) -> List[int]:
        # Wrong: walks from the right keeping a stack of candidates, but
        # discards only smaller ones, so an equal value is taken as greater.
        answer = [-1] * len(nums)
        stack = []
        for i in range(len(nums) - 1, -1, -1):
            while stack and stack[-1] < nums[i]:
                stack.pop()
            if stack:
                answer[i] = stack[-1]
            stack.append(nums[i])
        return answer
