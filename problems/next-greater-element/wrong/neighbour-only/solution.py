class Solution:
    def nextGreaterElement(self, nums: List[int]) -> List[int]:
        # Wrong: only the immediate neighbour is considered.
        answer = [-1] * len(nums)
        for i in range(len(nums) - 1):
            if nums[i + 1] > nums[i]:
                answer[i] = nums[i + 1]
        return answer
