class Solution:
    def coinChange(self, coins: List[int], amount: int) -> int:
        # Wrong: always taking the largest coin that fits is not optimal
        # (coins 1, 3, 4 and amount 6: 4 + 1 + 1 instead of 3 + 3).
        count = 0
        for c in sorted(coins, reverse=True):
            count += amount // c
            amount %= c
        return count if amount == 0 else -1
