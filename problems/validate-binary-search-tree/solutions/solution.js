/**
 * @param {TreeNode | null} root
 * @return {boolean}
 */
function isValidBST(root) {
    // Open interval (low, high); JavaScript numbers hold every 32-bit value,
    // so -Infinity and Infinity are safe "unbounded" markers.
    const stack = [[root, -Infinity, Infinity]];
    while (stack.length > 0) {
        const [node, low, high] = stack.pop();
        if (node === null) continue;
        if (node.val <= low || node.val >= high) return false;
        stack.push([node.left, low, node.val]);
        stack.push([node.right, node.val, high]);
    }
    return true;
}
