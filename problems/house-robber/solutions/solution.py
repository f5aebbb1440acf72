class Solution:
    def rob(self, nums: List[int]) -> int:
        prev2, prev1 = 0, 0  # best totals up to house i - 2 and i - 1
        for v in nums:
            prev2, prev1 = prev1, max(prev1, prev2 + v)
        return prev1
