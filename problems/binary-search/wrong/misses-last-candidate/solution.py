class Solution:
    def search(self, nums: List[int], target: int) -> int:
        # Wrong: while lo < hi stops one step early and never looks at the
        # last remaining candidate.
        lo, hi = 0, len(nums) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if nums[mid] == target:
                return mid
            if nums[mid] < target:
                lo = mid + 1
            else:
                hi = mid - 1
        return -1
