/**
 * @param {TreeNode | null} p
 * @param {TreeNode | null} q
 * @return {boolean}
 */
function isSameTree(p, q) {
    const walk = (n, out) => {
        if (n === null) return out;
        out.push(n.val);
        walk(n.left, out);
        walk(n.right, out);
        return out;
    };
    return walk(p, []).join(",") === walk(q, []).join(",");
}
