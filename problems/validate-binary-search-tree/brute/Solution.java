class Solution {
    private long lo(TreeNode n) {
        if (n == null) return Long.MAX_VALUE;
        return Math.min(n.val, Math.min(lo(n.left), lo(n.right)));
    }

    private long hi(TreeNode n) {
        if (n == null) return Long.MIN_VALUE;
        return Math.max(n.val, Math.max(hi(n.left), hi(n.right)));
    }

    public boolean isValidBST(TreeNode root) {
        if (root == null) return true;
        if (hi(root.left) >= root.val || lo(root.right) <= root.val) return false;
        return isValidBST(root.left) && isValidBST(root.right);
    }
}
