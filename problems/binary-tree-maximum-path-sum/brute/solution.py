class Solution:
    def maxPathSum(self, root: Optional[TreeNode]) -> int:
        def down(node):
            # Best downward path from node, recomputed every time.
            if node is None:
                return 0
            return node.val + max(0, down(node.left), down(node.right))

        best = root.val
        stack = [root]
        while stack:
            node = stack.pop()
            best = max(best, node.val + max(0, down(node.left)) + max(0, down(node.right)))
            stack += [c for c in (node.left, node.right) if c]
        return best
