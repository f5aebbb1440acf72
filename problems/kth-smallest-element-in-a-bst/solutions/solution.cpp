class Solution {
public:
    int kthSmallest(TreeNode* root, int k) {
        vector<TreeNode*> st;
        TreeNode* cur = root;
        while (true) {
            while (cur) {
                st.push_back(cur);
                cur = cur->left;
            }
            TreeNode* node = st.back();
            st.pop_back();
            if (--k == 0) {
                return node->val;
            }
            cur = node->right;
        }
    }
};
