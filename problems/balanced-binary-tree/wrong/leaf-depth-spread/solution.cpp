class Solution {
public:
    int minLeaf = INT_MAX, maxDepth = 0;
    void walk(TreeNode* n, int d) {
        if (!n) return;
        maxDepth = max(maxDepth, d);
        if (!n->left && !n->right) minLeaf = min(minLeaf, d);
        walk(n->left, d + 1);
        walk(n->right, d + 1);
    }
    bool isBalanced(TreeNode* root) {
        if (!root) return true;
        minLeaf = INT_MAX;
        maxDepth = 0;
        walk(root, 1);
        return maxDepth - minLeaf <= 1;
    }
};
