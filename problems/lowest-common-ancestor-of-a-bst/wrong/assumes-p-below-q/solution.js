/**
 * @param {TreeNode | null} root
 * @param {number} p
 * @param {number} q
 * @return {number}
 */
function lowestCommonAncestor(root, p, q) {
    let node = root;
    while (true) {
        if (q < node.val) node = node.left;
        else if (p > node.val) node = node.right;
        else return node.val;
    }
}
