class Solution:
    def missingNumber(self, nums: List[int]) -> int:
        # Brute force: try every candidate 0..n with a linear search. O(n^2).
        n = len(nums)
        for k in range(n + 1):
            found = False
            for v in nums:
                if v == k:
                    found = True
                    break
            if not found:
                return k
        return -1
