/**
 * @param {TreeNode | null} root
 * @return {TreeNode | null}
 */
function invertTree(root) {
    const stack = root ? [root] : [];
    while (stack.length > 0) {
        const node = stack.pop();
        const tmp = node.left;
        node.left = node.right;
        node.right = tmp;
        if (node.left) stack.push(node.left);
        if (node.right) stack.push(node.right);
    }
    return root;
}
