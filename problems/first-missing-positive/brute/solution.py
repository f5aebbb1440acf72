class Solution:
    def firstMissingPositive(self, nums: List[int]) -> int:
        # Brute force: try 1, 2, 3, ... and scan the array for each.
        # O(n^2) when many small positives are present.
        k = 1
        while True:
            found = False
            for x in nums:
                if x == k:
                    found = True
                    break
            if not found:
                return k
            k += 1
