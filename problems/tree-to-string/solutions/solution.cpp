class Solution {
public:
    string tree2str(TreeNode* root) {
        string out;
        if (root) {
            write(root, out);
        }
        return out;
    }

private:
    void write(TreeNode* node, string& out) {
        out += to_string(node->val);
        if (node->left || node->right) {
            out += '(';
            if (node->left) {
                write(node->left, out);
            }
            out += ')';
        }
        if (node->right) {
            out += '(';
            write(node->right, out);
            out += ')';
        }
    }
};
