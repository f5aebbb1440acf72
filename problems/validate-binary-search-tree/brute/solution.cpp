class Solution {
public:
    long long lo(TreeNode* n) {
        if (!n) return LLONG_MAX;
        return min((long long)n->val, min(lo(n->left), lo(n->right)));
    }
    long long hi(TreeNode* n) {
        if (!n) return LLONG_MIN;
        return max((long long)n->val, max(hi(n->left), hi(n->right)));
    }
    bool isValidBST(TreeNode* root) {
        if (!root) return true;
        if (hi(root->left) >= root->val || lo(root->right) <= root->val) return false;
        return isValidBST(root->left) && isValidBST(root->right);
    }
};
