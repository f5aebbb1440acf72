class Solution {
public:
    bool check(TreeNode* n, int low, int high) {
        if (!n) return true;
        if (n->val <= low || n->val >= high) return false;
        return check(n->left, low, n->val) && check(n->right, n->val, high);
    }
    bool isValidBST(TreeNode* root) {
        return check(root, INT_MIN, INT_MAX);
    }
};
