class Solution:
    def minEatingSpeed(self, piles: List[int], h: int) -> int:
        # Try every speed from 1 upwards: O(answer * n).
        k = 1
        while sum((p + k - 1) // k for p in piles) > h:
            k += 1
        return k
