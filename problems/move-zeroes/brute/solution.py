class Solution:
    def moveZeroes(self, nums: List[int]) -> List[int]:
        # Brute force: for each zero, shift everything after it one step
        # left and put the zero at the end. O(n^2).
        end = len(nums)
        i = 0
        while i < end:
            if nums[i] == 0:
                for j in range(i, end - 1):
                    nums[j] = nums[j + 1]
                nums[end - 1] = 0
                end -= 1
            else:
                i += 1
        return nums
