import heapq


class Solution:
    def networkDelayTime(self, times: List[List[int]], n: int, k: int) -> int:
        adj = [[] for _ in range(n + 1)]
        for u, v, w in times:
            adj[u].append((v, w))
        dist = [-1] * (n + 1)  # -1: not settled yet
        heap = [(0, k)]
        settled = 0
        last = 0
        while heap:
            d, u = heapq.heappop(heap)
            if dist[u] != -1:
                continue
            dist[u] = d
            settled += 1
            last = d
            for v, w in adj[u]:
                if dist[v] == -1:
                    heapq.heappush(heap, (d + w, v))
        return last if settled == n else -1
