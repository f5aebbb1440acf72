/**
 * @param {TreeNode | null} root
 * @param {number} k
 * @return {number}
 */
function kthSmallest(root, k) {
    const stack = [];
    let cur = root;
    while (true) {
        while (cur !== null) {
            stack.push(cur);
            cur = cur.left;
        }
        const node = stack.pop();
        if (--k === 0) return node.val;
        cur = node.right;
    }
}
