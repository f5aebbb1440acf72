class Solution:
    def threeSum(self, nums: List[int]) -> List[List[int]]:
        nums = sorted(nums)
        n = len(nums)
        result = []
        for i in range(n - 2):
            a = nums[i]
            if a > 0:
                break
            if i > 0 and a == nums[i - 1]:
                continue
            lo, hi = i + 1, n - 1
            while lo < hi:
                s = a + nums[lo] + nums[hi]
                if s < 0:
                    lo += 1
                elif s > 0:
                    hi -= 1
                else:
                    result.append([a, nums[lo], nums[hi]])
                    b, c = nums[lo], nums[hi]
                    while lo < hi and nums[lo] == b:
                        lo += 1
                    while lo < hi and nums[hi] == c:
                        hi -= 1
        return result
