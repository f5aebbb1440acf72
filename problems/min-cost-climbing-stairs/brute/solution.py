class Solution:
    def minCostClimbingStairs(self, cost: List[int]) -> int:
        # Brute force: from every step try both moves recursively, without
        # remembering results. Exponential in the number of steps.
        n = len(cost)

        def climb(i: int) -> int:
            if i >= n:
                return 0
            return cost[i] + min(climb(i + 1), climb(i + 2))

        return min(climb(0), climb(1))
