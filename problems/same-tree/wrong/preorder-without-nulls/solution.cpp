class Solution {
public:
    void walk(TreeNode* n, vector<int>& out) {
        if (!n) return;
        out.push_back(n->val);
        walk(n->left, out);
        walk(n->right, out);
    }
    bool isSameTree(TreeNode* p, TreeNode* q) {
        vector<int> a, b;
        walk(p, a);
        walk(q, b);
        return a == b;
    }
};
