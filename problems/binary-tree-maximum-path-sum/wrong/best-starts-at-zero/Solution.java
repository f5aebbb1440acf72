class Solution {
    private int best = 0;

    private int gain(TreeNode node) {
        if (node == null) {
            return 0;
        }
        int l = Math.max(0, gain(node.left));
        int r = Math.max(0, gain(node.right));
        best = Math.max(best, node.val + l + r);
        return node.val + Math.max(l, r);
    }

    public int maxPathSum(TreeNode root) {
        best = 0;
        gain(root);
        return best;
    }
}
