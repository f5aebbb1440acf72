class Solution:
    def totalNQueens(self, n: int) -> int:
        cols, diag = set(), set()

        # Mistake: only the r - c diagonals are checked, not r + c.
        def place(r: int) -> int:
            if r == n:
                return 1
            count = 0
            for c in range(n):
                if c in cols or r - c in diag:
                    continue
                cols.add(c)
                diag.add(r - c)
                count += place(r + 1)
                cols.remove(c)
                diag.remove(r - c)
            return count

        return place(0)
