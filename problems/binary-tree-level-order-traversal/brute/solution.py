class Solution:
    def levelOrder(self, root: Optional[TreeNode]) -> List[List[int]]:
        def height(node):
            return 0 if node is None else 1 + max(height(node.left), height(node.right))

        def collect(node, depth, out):
            if node is None:
                return
            if depth == 0:
                out.append(node.val)
                return
            collect(node.left, depth - 1, out)
            collect(node.right, depth - 1, out)

        levels = []
        for d in range(height(root)):
            out = []
            collect(root, d, out)
            levels.append(out)
        return levels
