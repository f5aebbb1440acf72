class Solution:
    def maxDepth(self, root: Optional[TreeNode]) -> int:
        # Level by level: no recursion, so a deep tree cannot overflow a stack.
        depth, level = 0, [root] if root else []
        while level:
            depth += 1
            level = [c for n in level for c in (n.left, n.right) if c]
        return depth
