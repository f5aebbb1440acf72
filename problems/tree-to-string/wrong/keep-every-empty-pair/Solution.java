class Solution {
    public String tree2str(TreeNode root) {
        StringBuilder sb = new StringBuilder();
        if (root != null) {
            write(root, sb);
        }
        return sb.toString();
    }

    private void write(TreeNode node, StringBuilder sb) {
        sb.append(node.val);
        sb.append('(');
        if (node.left != null) {
            write(node.left, sb);
        }
        sb.append(')');
        sb.append('(');
        if (node.right != null) {
            write(node.right, sb);
        }
        sb.append(')');
    }
}
