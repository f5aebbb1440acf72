class Solution:
    def findCircleNum(self, isConnected: List[List[int]]) -> int:
        n = len(isConnected)
        parent = list(range(n))
        size = [1] * n

        def find(v: int) -> int:
            root = v
            while parent[root] != root:
                root = parent[root]
            while parent[v] != root:
                parent[v], v = root, parent[v]
            return root

        provinces = n
        for i in range(n):
            row = isConnected[i]
            for j in range(i + 1, n):
                if row[j] == 1:
                    a, b = find(i), find(j)
                    if a != b:
                        if size[a] < size[b]:
                            a, b = b, a
                        parent[b] = a
                        size[a] += size[b]
                        provinces -= 1
        return provinces
