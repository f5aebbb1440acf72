class Solution:
    def exist(self, board: List[List[str]], word: str) -> bool:
        rows, cols = len(board), len(board[0])

        # Mistake: cells are never marked, so a path can step back onto a
        # cell it already used.
        def dfs(r: int, c: int, i: int) -> bool:
            if r < 0 or r >= rows or c < 0 or c >= cols or board[r][c] != word[i]:
                return False
            if i == len(word) - 1:
                return True
            return dfs(r + 1, c, i + 1) or dfs(r - 1, c, i + 1) or dfs(r, c + 1, i + 1) or dfs(r, c - 1, i + 1)

        return any(dfs(r, c, 0) for r in range(rows) for c in range(cols))
