/**
 * @param {TreeNode | null} root
 * @return {string}
 */
function tree2str(root) {
    const out = [];
    const write = (node) => {
        out.push(String(node.val));
        if (node.left || node.right) {
            out.push("(");
            if (node.left) write(node.left);
            out.push(")");
        }
        if (node.right) {
            out.push("(");
            write(node.right);
            out.push(")");
        }
    };
    if (root) write(root);
    return out.join("");
}
