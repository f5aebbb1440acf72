class Solution:
    def pivotIndex(self, nums: List[int]) -> int:
        # Wrong: nums[i] joins the left sum before the comparison, so the
        # pivot is counted on the left.
        total = sum(nums)
        left = 0
        for i, x in enumerate(nums):
            left += x
            if left == total - left:
                return i
        return -1
