class Solution {
public:
    int lowestCommonAncestor(TreeNode* root, int p, int q) {
        TreeNode* node = root;
        while ((long long)((node->val - p) * (node->val - q)) > 0) {
            node = p < node->val ? node->left : node->right;
        }
        return node->val;
    }
};
