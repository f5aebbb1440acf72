class Solution:
    def canPartition(self, nums: List[int]) -> bool:
        # Brute force: include or exclude every number recursively, without
        # remembering results. Exponential when no split exists.
        total = sum(nums)
        if total % 2 == 1:
            return False
        n = len(nums)

        def reach(i: int, rest: int) -> bool:
            if rest == 0:
                return True
            if i == n or rest < 0:
                return False
            return reach(i + 1, rest - nums[i]) or reach(i + 1, rest)

        return reach(0, total // 2)
