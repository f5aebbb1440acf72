class Solution {
public:
    int height(TreeNode* n) {
        return n ? 1 + max(height(n->left), height(n->right)) : 0;
    }
    void collect(TreeNode* n, int depth, vector<int>& out) {
        if (!n) return;
        if (depth == 0) {
            out.push_back(n->val);
            return;
        }
        collect(n->left, depth - 1, out);
        collect(n->right, depth - 1, out);
    }
    vector<vector<int>> levelOrder(TreeNode* root) {
        vector<vector<int>> levels;
        int h = height(root);
        for (int d = 0; d < h; d++) {
            vector<int> out;
            collect(root, d, out);
            levels.push_back(out);
        }
        return levels;
    }
};
