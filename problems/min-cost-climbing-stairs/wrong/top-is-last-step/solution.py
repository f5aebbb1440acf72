class Solution:
    def minCostClimbingStairs(self, cost: List[int]) -> int:
        # Wrong: treats the last step as the top, so its cost is always paid.
        n = len(cost)
        best = [0] * n
        best[0], best[1] = cost[0], cost[1]
        for i in range(2, n):
            best[i] = cost[i] + min(best[i - 1], best[i - 2])
        return best[n - 1]
