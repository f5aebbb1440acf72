class Solution:
    def recoverFromPreorder(self, traversal: str) -> Optional[TreeNode]:
        path = []
        d = 0
        for ch in traversal:
            if ch == "-":
                d += 1
                continue
            node = TreeNode(int(ch))
            del path[d:]
            if path:
                if path[-1].left is None:
                    path[-1].left = node
                else:
                    path[-1].right = node
            path.append(node)
            d = 0
        return path[0]
