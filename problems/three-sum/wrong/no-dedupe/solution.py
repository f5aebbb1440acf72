class Solution:
    def threeSum(self, nums: List[int]) -> List[List[int]]:
        # Wrong: never skips equal values, so a triplet is reported once per
        # way of choosing it from duplicates.
        nums = sorted(nums)
        n = len(nums)
        result = []
        for i in range(n - 2):
            lo, hi = i + 1, n - 1
            while lo < hi:
                s = nums[i] + nums[lo] + nums[hi]
                if s < 0:
                    lo += 1
                elif s > 0:
                    hi -= 1
                else:
                    result.append([nums[i], nums[lo], nums[hi]])
                    lo += 1
                    hi -= 1
        return result
