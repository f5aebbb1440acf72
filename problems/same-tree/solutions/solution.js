/**
 * @param {TreeNode | null} p
 * @param {TreeNode | null} q
 * @return {boolean}
 */
function isSameTree(p, q) {
    const stack = [[p, q]];
    while (stack.length > 0) {
        const [a, b] = stack.pop();
        if (a === null && b === null) continue;
        if (a === null || b === null || a.val !== b.val) return false;
        stack.push([a.left, b.left]);
        stack.push([a.right, b.right]);
    }
    return true;
}
