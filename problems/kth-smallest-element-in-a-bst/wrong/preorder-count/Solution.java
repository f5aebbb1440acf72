class Solution {
    private int count;
    private int answer;

    private void walk(TreeNode node, int k) {
        if (node == null || count >= k) {
            return;
        }
        count++;
        if (count == k) {
            answer = node.val;
            return;
        }
        walk(node.left, k);
        walk(node.right, k);
    }

    public int kthSmallest(TreeNode root, int k) {
        count = 0;
        walk(root, k);
        return answer;
    }
}
