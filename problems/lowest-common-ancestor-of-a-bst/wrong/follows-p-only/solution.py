class Solution:
    def lowestCommonAncestor(self, root: Optional[TreeNode], p: int, q: int) -> int:
        node = root
        while node.val != p:
            if p < node.val and node.left:
                node = node.left
            elif p > node.val and node.right:
                node = node.right
            else:
                break
            if node.val == q:
                break
        return node.val
