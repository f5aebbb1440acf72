function maxPathSum(root: TreeNode | null): number {
    const down = (n: TreeNode | null): number => (n === null ? 0 : n.val + Math.max(0, down(n.left), down(n.right)));
    let best = -Infinity;
    const stack: TreeNode[] = [root!];
    while (stack.length > 0) {
        const n = stack.pop()!;
        best = Math.max(best, n.val + Math.max(0, down(n.left)) + Math.max(0, down(n.right)));
        if (n.left) stack.push(n.left);
        if (n.right) stack.push(n.right);
    }
    return best;
}
