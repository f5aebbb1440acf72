class Solution {
    private int height(TreeNode n) {
        return n == null ? 0 : 1 + Math.max(height(n.left), height(n.right));
    }

    private void collect(TreeNode n, int depth, List<Integer> out) {
        if (n == null) {
            return;
        }
        if (depth == 0) {
            out.add(n.val);
            return;
        }
        collect(n.left, depth - 1, out);
        collect(n.right, depth - 1, out);
    }

    public int[][] levelOrder(TreeNode root) {
        int h = height(root);
        int[][] levels = new int[h][];
        for (int d = 0; d < h; d++) {
            List<Integer> out = new ArrayList<>();
            collect(root, d, out);
            levels[d] = out.stream().mapToInt(Integer::intValue).toArray();
        }
        return levels;
    }
}
