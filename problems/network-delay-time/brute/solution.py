class Solution:
    def networkDelayTime(self, times: List[List[int]], n: int, k: int) -> int:
        # Brute force: Bellman-Ford, relaxing every link n - 1 times.
        inf = float('inf')
        dist = [inf] * (n + 1)
        dist[k] = 0
        for _ in range(n - 1):
            for u, v, w in times:
                if dist[u] + w < dist[v]:
                    dist[v] = dist[u] + w
        latest = max(dist[1:])
        return -1 if latest == inf else latest
