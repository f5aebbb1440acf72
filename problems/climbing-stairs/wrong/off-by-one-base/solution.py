class Solution:
    def climbStairs(self, n: int) -> int:
        # Wrong: starts from ways(1) = 1, ways(2) = 1, as if two steps could
        # only be climbed one way.
        prev, cur = 1, 1
        for _ in range(3, n + 1):
            prev, cur = cur, prev + cur
        return cur
