function maxPathSum(root: TreeNode | null): number {
    let best = -Infinity;
    const gain = (node: TreeNode | null): number => {
        if (node === null) return 0;
        const l = Math.max(0, gain(node.left));
        const r = Math.max(0, gain(node.right));
        best = Math.max(best, node.val + l + r);
        return node.val + Math.max(l, r);
    };
    gain(root);
    return best;
}
