class Solution:
    def nextGreaterElement(self, nums: List[int]) -> List[int]:
        answer = [-1] * len(nums)
        waiting = []  # indices whose answer is unknown; values never increase upward
        for i, x in enumerate(nums):
            while waiting and nums[waiting[-1]] < x:
                answer[waiting.pop()] = x
            waiting.append(i)
        return answer
