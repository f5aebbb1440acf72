class Solution:
    def pivotIndex(self, nums: List[int]) -> int:
        # Brute force: add up both sides afresh for every index. O(n^2).
        n = len(nums)
        for i in range(n):
            left = 0
            for j in range(i):
                left += nums[j]
            right = 0
            for j in range(i + 1, n):
                right += nums[j]
            if left == right:
                return i
        return -1
