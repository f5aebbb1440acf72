class Solution:
    def kthSmallest(self, root: Optional[TreeNode], k: int) -> int:
        vals = []

        def walk(node):
            if node:
                walk(node.left)
                vals.append(node.val)
                walk(node.right)

        walk(root)
        return vals[min(k, len(vals) - 1)]
