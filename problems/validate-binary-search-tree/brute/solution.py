class Solution:
    def isValidBST(self, root: Optional[TreeNode]) -> bool:
        def lo(node):
            if node is None:
                return None
            m = node.val
            for c in (node.left, node.right):
                x = lo(c)
                if x is not None and x < m:
                    m = x
            return m

        def hi(node):
            if node is None:
                return None
            m = node.val
            for c in (node.left, node.right):
                x = hi(c)
                if x is not None and x > m:
                    m = x
            return m

        def ok(node):
            if node is None:
                return True
            a, b = hi(node.left), lo(node.right)
            if (a is not None and a >= node.val) or (b is not None and b <= node.val):
                return False
            return ok(node.left) and ok(node.right)

        return ok(root)
