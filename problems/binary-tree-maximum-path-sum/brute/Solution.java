class Solution {
    private int down(TreeNode n) {
        if (n == null) {
            return 0;
        }
        return n.val + Math.max(0, Math.max(down(n.left), down(n.right)));
    }

    public int maxPathSum(TreeNode root) {
        int best = Integer.MIN_VALUE;
        ArrayDeque<TreeNode> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            TreeNode n = stack.pop();
            best = Math.max(best, n.val + Math.max(0, down(n.left)) + Math.max(0, down(n.right)));
            if (n.left != null) stack.push(n.left);
            if (n.right != null) stack.push(n.right);
        }
        return best;
    }
}
