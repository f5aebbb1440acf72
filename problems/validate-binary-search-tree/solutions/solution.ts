function isValidBST(root: TreeNode | null): boolean {
    const stack: [TreeNode | null, number, number][] = [[root, -Infinity, Infinity]];
    while (stack.length > 0) {
        const [node, low, high] = stack.pop()!;
        if (node === null) continue;
        if (node.val <= low || node.val >= high) return false;
        stack.push([node.left, low, node.val]);
        stack.push([node.right, node.val, high]);
    }
    return true;
}
