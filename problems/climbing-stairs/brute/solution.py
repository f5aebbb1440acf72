class Solution:
    def climbStairs(self, n: int) -> int:
        # Brute force: plain recursion on the last move, without memory.
        # The number of calls grows like the answer itself, about 1.6^n.
        if n <= 2:
            return n
        return self.climbStairs(n - 1) + self.climbStairs(n - 2)
