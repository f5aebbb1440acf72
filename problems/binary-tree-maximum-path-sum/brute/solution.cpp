class Solution {
public:
    int down(TreeNode* n) {
        if (!n) return 0;
        return n->val + max(0, max(down(n->left), down(n->right)));
    }
    int maxPathSum(TreeNode* root) {
        int best = INT_MIN;
        vector<TreeNode*> st{root};
        while (!st.empty()) {
            TreeNode* n = st.back();
            st.pop_back();
            best = max(best, n->val + max(0, down(n->left)) + max(0, down(n->right)));
            if (n->left) st.push_back(n->left);
            if (n->right) st.push_back(n->right);
        }
        return best;
    }
};
