class Solution:
    def validPath(self, n: int, edges: List[List[int]], source: int, destination: int) -> bool:
        # Mistake: edges are stored one way only, u -> v.
        adj = [[] for _ in range(n)]
        for u, v in edges:
            adj[u].append(v)
        seen = [False] * n
        seen[source] = True
        stack = [source]
        while stack:
            u = stack.pop()
            if u == destination:
                return True
            for v in adj[u]:
                if not seen[v]:
                    seen[v] = True
                    stack.append(v)
        return False
