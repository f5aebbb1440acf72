class Solution {
    public TreeNode recoverFromPreorder(String traversal) {
        ArrayList<TreeNode> path = new ArrayList<>();
        int i = 0, n = traversal.length();
        while (i < n) {
            int d = 0;
            while (traversal.charAt(i) == '-') {
                d++;
                i++;
            }
            int v = 0;
            while (i < n && traversal.charAt(i) != '-') {
                v = v * 10 + (traversal.charAt(i) - '0');
                i++;
            }
            TreeNode node = new TreeNode(v);
            while (path.size() > d) {
                path.remove(path.size() - 1);
            }
            if (d > 0) {
                TreeNode parent = path.get(d - 1);
                if (parent.left == null) {
                    parent.left = node;
                } else {
                    parent.right = node;
                }
            }
            path.add(node);
        }
        return path.get(0);
    }
}
