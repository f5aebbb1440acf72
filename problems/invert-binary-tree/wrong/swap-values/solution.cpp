class Solution {
public:
    TreeNode* invertTree(TreeNode* root) {
        if (!root) {
            return nullptr;
        }
        if (root->left && root->right) {
            swap(root->left->val, root->right->val);
        }
        invertTree(root->left);
        invertTree(root->right);
        return root;
    }
};
