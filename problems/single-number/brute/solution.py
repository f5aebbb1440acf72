class Solution:
    def singleNumber(self, nums: List[int]) -> int:
        # Brute force: for every value, scan the whole array for a second copy.
        # O(n^2).
        n = len(nums)
        for i in range(n):
            paired = False
            for j in range(n):
                if j != i and nums[j] == nums[i]:
                    paired = True
                    break
            if not paired:
                return nums[i]
        return 0
