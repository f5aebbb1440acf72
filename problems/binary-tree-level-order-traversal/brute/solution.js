/**
 * @param {TreeNode | null} root
 * @return {number[][]}
 */
function levelOrder(root) {
    const height = (n) => (n === null ? 0 : 1 + Math.max(height(n.left), height(n.right)));
    const collect = (n, depth, out) => {
        if (n === null) return;
        if (depth === 0) {
            out.push(n.val);
            return;
        }
        collect(n.left, depth - 1, out);
        collect(n.right, depth - 1, out);
    };
    const levels = [];
    const h = height(root);
    for (let d = 0; d < h; d++) {
        const out = [];
        collect(root, d, out);
        levels.push(out);
    }
    return levels;
}
