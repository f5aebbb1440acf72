class Solution {
public:
    bool isValidBST(TreeNode* root) {
        // In-order walk with an explicit stack: values must strictly increase.
        stack<TreeNode*> st;
        TreeNode* cur = root;
        bool havePrev = false;
        int prev = 0;
        while (cur || !st.empty()) {
            while (cur) {
                st.push(cur);
                cur = cur->left;
            }
            cur = st.top();
            st.pop();
            if (havePrev && cur->val <= prev) {
                return false;
            }
            havePrev = true;
            prev = cur->val;
            cur = cur->right;
        }
        return true;
    }
};
