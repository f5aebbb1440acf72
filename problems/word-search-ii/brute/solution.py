from collections import Counter


class Solution:
    def findWords(self, board: List[List[str]], words: List[str]) -> List[str]:
        # Brute force: Word Search's backtracking, run for every word on its own.
        rows, cols = len(board), len(board[0])
        have = Counter(ch for row in board for ch in row)

        def exist(word: str) -> bool:
            if len(word) > rows * cols or any(have[ch] < k for ch, k in Counter(word).items()):
                return False

            def dfs(r: int, c: int, i: int) -> bool:
                if r < 0 or r >= rows or c < 0 or c >= cols or board[r][c] != word[i]:
                    return False
                if i == len(word) - 1:
                    return True
                board[r][c] = '#'
                found = dfs(r + 1, c, i + 1) or dfs(r - 1, c, i + 1) or dfs(r, c + 1, i + 1) or dfs(r, c - 1, i + 1)
                board[r][c] = word[i]
                return found

            return any(dfs(r, c, 0) for r in range(rows) for c in range(cols))

        return [word for word in words if exist(word)]
