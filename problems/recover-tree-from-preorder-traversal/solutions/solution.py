class Solution:
    def recoverFromPreorder(self, traversal: str) -> Optional[TreeNode]:
        path = []
        i, n = 0, len(traversal)
        while i < n:
            d = 0
            while traversal[i] == "-":
                d += 1
                i += 1
            j = i
            while j < n and traversal[j] != "-":
                j += 1
            node = TreeNode(int(traversal[i:j]))
            i = j
            del path[d:]
            if path:
                parent = path[-1]
                if parent.left is None:
                    parent.left = node
                else:
                    parent.right = node
            path.append(node)
        return path[0]
