/**
 * @param {TreeNode | null} root
 * @return {number[][]}
 */
function levelOrder(root) {
    const levels = [];
    let level = root ? [root] : [];
    while (level.length > 0) {
        const vals = [];
        const next = [];
        for (const node of level) {
            vals.push(node.val);
            if (node.left) next.push(node.left);
            if (node.right) next.push(node.right);
        }
        levels.push(vals);
        level = next;
    }
    return levels;
}
