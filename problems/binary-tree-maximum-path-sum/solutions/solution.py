class Solution:
    def maxPathSum(self, root: Optional[TreeNode]) -> int:
        # Iterative post-order so a 2 * 10^4-deep chain needs no recursion.
        best = root.val
        gain = {None: 0}
        stack = [(root, False)]
        while stack:
            node, done = stack.pop()
            if not done:
                stack.append((node, True))
                if node.left:
                    stack.append((node.left, False))
                if node.right:
                    stack.append((node.right, False))
                continue
            l = max(0, gain[node.left])
            r = max(0, gain[node.right])
            best = max(best, node.val + l + r)
            gain[node] = node.val + max(l, r)
        return best
