class Solution:
    def singleNumber(self, nums: List[int]) -> int:
        x = 0
        for v in nums:
            x ^= v  # equal values cancel, 0 ^ v == v
        return x
