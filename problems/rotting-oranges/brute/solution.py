class Solution:
    def orangesRotting(self, grid: List[List[int]]) -> int:
        # Brute force: simulate minute by minute, rescanning the whole grid.
        rows, cols = len(grid), len(grid[0])
        minutes = 0
        while True:
            fresh = 0
            rot = []
            for r in range(rows):
                for c in range(cols):
                    if grid[r][c] != 1:
                        continue
                    fresh += 1
                    if (r > 0 and grid[r - 1][c] == 2) or (r + 1 < rows and grid[r + 1][c] == 2) or \
                            (c > 0 and grid[r][c - 1] == 2) or (c + 1 < cols and grid[r][c + 1] == 2):
                        rot.append((r, c))
            if fresh == 0:
                return minutes
            if not rot:
                return -1
            for r, c in rot:
                grid[r][c] = 2
            minutes += 1
