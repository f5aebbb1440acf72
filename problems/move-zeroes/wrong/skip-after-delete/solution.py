class Solution:
    def moveZeroes(self, nums: List[int]) -> List[int]:
        # Wrong: after popping a zero the next element slides into index i,
        # but the loop moves on to i + 1 and never looks at it.
        for i in range(len(nums)):
            if nums[i] == 0:
                nums.pop(i)
                nums.append(0)
        return nums
