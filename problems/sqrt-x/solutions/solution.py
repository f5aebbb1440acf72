class Solution:
    def mySqrt(self, x: int) -> int:
        lo, hi = 0, min(x, 46340)
        while lo < hi:
            mid = lo + (hi - lo + 1) // 2
            if mid * mid <= x:
                lo = mid
            else:
                hi = mid - 1
        return lo
