class Solution:
    def productExceptSelf(self, nums: List[int]) -> List[int]:
        n = len(nums)
        answer = [1] * n
        p = 1
        for i in range(n):
            answer[i] = p
            p *= nums[i]
        s = 1
        for i in range(n - 1, -1, -1):
            answer[i] *= s
            s *= nums[i]
        return answer
