class Solution:
    def rob(self, nums: List[int]) -> int:
        # Wrong: only compares "every even house" with "every odd house"; the
        # best plan may skip two houses in a row.
        return max(sum(nums[0::2]), sum(nums[1::2]))
