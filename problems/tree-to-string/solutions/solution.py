class Solution:
    def tree2str(self, root: Optional[TreeNode]) -> str:
        out = []

        def write(node):
            out.append(str(node.val))
            if node.left or node.right:
                out.append("(")
                if node.left:
                    write(node.left)
                out.append(")")
            if node.right:
                out.append("(")
                write(node.right)
                out.append(")")

        if root:
            write(root)
        return "".join(out)
