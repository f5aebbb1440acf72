class Solution {
public:
    TreeNode* invertTree(TreeNode* root) {
        if (!root) {
            return nullptr;
        }
        TreeNode* oldLeft = root->left;
        root->left = invertTree(root->right);
        root->right = invertTree(oldLeft);
        return root;
    }
};
