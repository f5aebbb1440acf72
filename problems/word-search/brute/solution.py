class Solution:
    def exist(self, board: List[List[str]], word: str) -> bool:
        # Brute force: walk every path of len(word) distinct cells and compare
        # the letters only when the path is complete.
        rows, cols, n = len(board), len(board[0]), len(word)
        used = [[False] * cols for _ in range(rows)]
        path = []

        def walk(r: int, c: int) -> bool:
            if r < 0 or r >= rows or c < 0 or c >= cols or used[r][c]:
                return False
            used[r][c] = True
            path.append(board[r][c])
            if len(path) == n:
                found = ''.join(path) == word
            else:
                found = walk(r + 1, c) or walk(r - 1, c) or walk(r, c + 1) or walk(r, c - 1)
            path.pop()
            used[r][c] = False
            return found

        return any(walk(r, c) for r in range(rows) for c in range(cols))
