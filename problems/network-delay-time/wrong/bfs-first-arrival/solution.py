from collections import deque


class Solution:
    def networkDelayTime(self, times: List[List[int]], n: int, k: int) -> int:
        adj = [[] for _ in range(n + 1)]
        for u, v, w in times:
            adj[u].append((v, w))
        # Mistake: a node's time is fixed the first time BFS reaches it,
        # even if a route over more links is faster.
        dist = [-1] * (n + 1)
        dist[k] = 0
        queue = deque([k])
        while queue:
            u = queue.popleft()
            for v, w in adj[u]:
                if dist[v] == -1:
                    dist[v] = dist[u] + w
                    queue.append(v)
        return -1 if -1 in dist[1:] else max(dist[1:])
