class Solution:
    def minimumEffortPath(self, heights: List[List[int]]) -> int:
        # Brute force: Bellman-Ford style, sweep over every cell and relax its
        # neighbours until a whole sweep changes nothing.
        rows, cols = len(heights), len(heights[0])
        inf = float('inf')
        best = [[inf] * cols for _ in range(rows)]
        best[0][0] = 0
        changed = True
        while changed:
            changed = False
            for r in range(rows):
                for c in range(cols):
                    d = best[r][c]
                    if d == inf:
                        continue
                    h = heights[r][c]
                    for nr, nc in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
                        if 0 <= nr < rows and 0 <= nc < cols:
                            nd = max(d, abs(heights[nr][nc] - h))
                            if nd < best[nr][nc]:
                                best[nr][nc] = nd
                                changed = True
        return best[rows - 1][cols - 1]
