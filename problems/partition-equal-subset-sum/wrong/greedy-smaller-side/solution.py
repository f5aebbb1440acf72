class Solution:
    def canPartition(self, nums: List[int]) -> bool:
        # Wrong: deals the numbers, largest first, to whichever group has the
        # smaller sum; [3, 3, 2, 2, 2] can be split but the greedy misses it.
        a = b = 0
        for x in sorted(nums, reverse=True):
            if a <= b:
                a += x
            else:
                b += x
        return a == b
