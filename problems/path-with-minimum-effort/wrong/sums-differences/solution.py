import heapq


class Solution:
    def minimumEffortPath(self, heights: List[List[int]]) -> int:
        # Mistake: Dijkstra with the usual sum of steps, not their maximum.
        rows, cols = len(heights), len(heights[0])
        best = [[float('inf')] * cols for _ in range(rows)]
        best[0][0] = 0
        heap = [(0, 0, 0)]
        while heap:
            d, r, c = heapq.heappop(heap)
            if d > best[r][c]:
                continue
            if r == rows - 1 and c == cols - 1:
                return d
            for nr, nc in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
                if 0 <= nr < rows and 0 <= nc < cols:
                    nd = d + abs(heights[nr][nc] - heights[r][c])
                    if nd < best[nr][nc]:
                        best[nr][nc] = nd
                        heapq.heappush(heap, (nd, nr, nc))
        return best[rows - 1][cols - 1]
