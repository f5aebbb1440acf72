class Solution {
    public int[][] levelOrder(TreeNode root) {
        List<int[]> levels = new ArrayList<>();
        ArrayDeque<TreeNode> queue = new ArrayDeque<>();
        if (root != null) {
            queue.add(root);
        }
        while (!queue.isEmpty()) {
            int k = queue.size();
            int[] vals = new int[k];
            for (int i = 0; i < k; i++) {
                TreeNode node = queue.poll();
                vals[i] = node.val;
                if (node.left != null) {
                    queue.add(node.left);
                }
                if (node.right != null) {
                    queue.add(node.right);
                }
            }
            levels.add(vals);
        }
        return levels.toArray(new int[0][]);
    }
}
