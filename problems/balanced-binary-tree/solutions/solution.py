class Solution:
    def isBalanced(self, root: Optional[TreeNode]) -> bool:
        # Iterative post-order: the height of each node once both children
        # are known; -1 marks an unbalanced subtree.
        height = {None: 0}
        stack = [(root, False)] if root else []
        while stack:
            node, done = stack.pop()
            if not done:
                stack.append((node, True))
                if node.right:
                    stack.append((node.right, False))
                if node.left:
                    stack.append((node.left, False))
                continue
            l, r = height[node.left], height[node.right]
            if l < 0 or r < 0 or abs(l - r) > 1:
                return False
            height[node] = 1 + max(l, r)
        return True
