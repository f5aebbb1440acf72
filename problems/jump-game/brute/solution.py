class Solution:
    def canJump(self, nums: List[int]) -> bool:
        # good[i]: the last index can be reached from i. Every jump is tried: O(n^2).
        n = len(nums)
        good = [False] * n
        good[n - 1] = True
        for i in range(n - 2, -1, -1):
            for j in range(i + 1, min(n, i + nums[i] + 1)):
                if good[j]:
                    good[i] = True
                    break
        return good[0]
