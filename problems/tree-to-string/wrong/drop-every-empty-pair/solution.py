class Solution:
    def tree2str(self, root: Optional[TreeNode]) -> str:
        if root is None:
            return ""
        s = str(root.val)
        if root.left:
            s += "(" + self.tree2str(root.left) + ")"
        if root.right:
            s += "(" + self.tree2str(root.right) + ")"
        return s
