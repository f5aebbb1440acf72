class Solution {
public:
    TreeNode* recoverFromPreorder(string traversal) {
        vector<TreeNode*> path;
        size_t i = 0, n = traversal.size();
        while (i < n) {
            size_t d = 0;
            while (traversal[i] == '-') {
                d++;
                i++;
            }
            int v = 0;
            while (i < n && traversal[i] != '-') {
                v = v * 10 + (traversal[i] - '0');
                i++;
            }
            TreeNode* node = new TreeNode(v);
            path.resize(d);
            if (d > 0) {
                TreeNode* parent = path[d - 1];
                if (!parent->left) {
                    parent->left = node;
                } else {
                    parent->right = node;
                }
            }
            path.push_back(node);
        }
        return path[0];
    }
};
