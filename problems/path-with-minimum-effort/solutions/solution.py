import heapq


class Solution:
    def minimumEffortPath(self, heights: List[List[int]]) -> int:
        rows, cols = len(heights), len(heights[0])
        # Cells as flat indices r * cols + c; best[i] is the smallest effort
        # found so far for a route from the top-left corner to cell i.
        flat = [h for row in heights for h in row]
        n = rows * cols
        best = [float('inf')] * n
        best[0] = 0
        heap = [(0, 0)]
        while heap:
            d, i = heapq.heappop(heap)
            if d > best[i]:
                continue  # a stale entry: i was already settled with less
            if i == n - 1:
                return d
            r, c = divmod(i, cols)
            h = flat[i]
            for j, ok in ((i - cols, r > 0), (i + cols, r + 1 < rows), (i - 1, c > 0), (i + 1, c + 1 < cols)):
                if ok:
                    nd = max(d, abs(flat[j] - h))
                    if nd < best[j]:
                        best[j] = nd
                        heapq.heappush(heap, (nd, j))
        return best[n - 1]
