class Solution:
    def maxPathSum(self, root: Optional[TreeNode]) -> int:
        best = 0

        def gain(node):
            nonlocal best
            if node is None:
                return 0
            l = max(0, gain(node.left))
            r = max(0, gain(node.right))
            best = max(best, node.val + l + r)
            return node.val + max(l, r)

        gain(root)
        return best
