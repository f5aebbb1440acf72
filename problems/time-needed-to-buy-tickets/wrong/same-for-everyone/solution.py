class Solution:
    def timeRequiredToBuy(self, tickets: List[int], k: int) -> int:
        # Wrong: people behind k are counted as if they bought in k's last
        # round too.
        return sum(min(want, tickets[k]) for want in tickets)
