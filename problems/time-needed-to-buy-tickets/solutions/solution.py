class Solution:
    def timeRequiredToBuy(self, tickets: List[int], k: int) -> int:
        t = tickets[k]
        total = 0
        for i, want in enumerate(tickets):
            # People behind k miss k's last round.
            total += min(want, t if i <= k else t - 1)
        return total
