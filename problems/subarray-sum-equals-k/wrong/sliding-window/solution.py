class Solution:
    def subarraySum(self, nums: List[int], k: int) -> int:
        # Wrong: a sliding window assumes the sum grows as the window grows,
        # which negative values break.
        answer = 0
        left = 0
        s = 0
        for right, x in enumerate(nums):
            s += x
            while s > k and left < right:
                s -= nums[left]
                left += 1
            if s == k:
                answer += 1
        return answer
