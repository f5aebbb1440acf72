class Solution:
    def missingNumber(self, nums: List[int]) -> int:
        # Wrong: after sorting, returns the first index whose value differs,
        # but when 0..n-1 are all present the answer n is never returned.
        nums = sorted(nums)
        for i, v in enumerate(nums):
            if v != i:
                return i
        return 0
