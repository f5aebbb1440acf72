class Solution:
    def maxProfit(self, prices: List[int]) -> int:
        # Wrong: the highest price may come before the lowest one.
        return max(prices) - min(prices)
