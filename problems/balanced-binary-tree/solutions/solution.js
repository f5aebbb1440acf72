/**
 * @param {TreeNode | null} root
 * @return {boolean}
 */
function isBalanced(root) {
    // Height of the subtree, or -1 when it is unbalanced somewhere.
    const check = (node) => {
        if (node === null) return 0;
        const l = check(node.left);
        if (l < 0) return -1;
        const r = check(node.right);
        if (r < 0 || Math.abs(l - r) > 1) return -1;
        return 1 + Math.max(l, r);
    };
    return check(root) >= 0;
}
