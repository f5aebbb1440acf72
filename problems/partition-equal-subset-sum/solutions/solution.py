class Solution:
    def canPartition(self, nums: List[int]) -> bool:
        total = sum(nums)
        if total % 2 == 1:
            return False
        half = total // 2
        can = [False] * (half + 1)  # can[s]: some subset of the numbers so far sums to s
        can[0] = True
        for x in nums:
            for s in range(half, x - 1, -1):  # downwards: each number used once
                if can[s - x]:
                    can[s] = True
        return can[half]
