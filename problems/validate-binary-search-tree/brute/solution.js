/**
 * @param {TreeNode | null} root
 * @return {boolean}
 */
function isValidBST(root) {
    const lo = (n) => (n === null ? Infinity : Math.min(n.val, lo(n.left), lo(n.right)));
    const hi = (n) => (n === null ? -Infinity : Math.max(n.val, hi(n.left), hi(n.right)));
    const ok = (n) => {
        if (n === null) return true;
        if (hi(n.left) >= n.val || lo(n.right) <= n.val) return false;
        return ok(n.left) && ok(n.right);
    };
    return ok(root);
}
