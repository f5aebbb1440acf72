class Solution:
    def canJump(self, nums: List[int]) -> bool:
        # A zero before the end traps you... unless you can jump over it.
        return all(v > 0 for v in nums[:-1])
