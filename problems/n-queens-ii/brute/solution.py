class Solution:
    def totalNQueens(self, n: int) -> int:
        # Brute force: every way to put one queen in each row (n^n boards),
        # checked only when the board is full.
        col = [0] * n

        def valid() -> bool:
            for a in range(n):
                for b in range(a + 1, n):
                    if col[a] == col[b] or abs(col[a] - col[b]) == b - a:
                        return False
            return True

        def fill(row: int) -> int:
            if row == n:
                return 1 if valid() else 0
            count = 0
            for c in range(n):
                col[row] = c
                count += fill(row + 1)
            return count

        return fill(0)
