class Solution:
    def coinChange(self, coins: List[int], amount: int) -> int:
        # Brute force: try every coin as the last one, recursively, without
        # remembering results. Exponential in amount.
        def fewest(rest: int) -> float:
            if rest == 0:
                return 0
            result = float('inf')
            for c in coins:
                if c <= rest:
                    result = min(result, fewest(rest - c) + 1)
            return result

        answer = fewest(amount)
        return -1 if answer == float('inf') else int(answer)
