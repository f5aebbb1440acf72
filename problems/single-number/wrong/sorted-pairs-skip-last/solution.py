class Solution:
    def singleNumber(self, nums: List[int]) -> int:
        # Wrong: compares sorted values two at a time but never looks at the
        # last one, which is the answer when the lonely value is the largest.
        nums = sorted(nums)
        for i in range(0, len(nums) - 1, 2):
            if nums[i] != nums[i + 1]:
                return nums[i]
        return nums[0]
