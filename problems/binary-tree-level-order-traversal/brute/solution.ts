function levelOrder(root: TreeNode | null): number[][] {
    const height = (n: TreeNode | null): number => (n === null ? 0 : 1 + Math.max(height(n.left), height(n.right)));
    const collect = (n: TreeNode | null, depth: number, out: number[]): void => {
        if (n === null) return;
        if (depth === 0) {
            out.push(n.val);
            return;
        }
        collect(n.left, depth - 1, out);
        collect(n.right, depth - 1, out);
    };
    const levels: number[][] = [];
    const h = height(root);
    for (let d = 0; d < h; d++) {
        const out: number[] = [];
        collect(root, d, out);
        levels.push(out);
    }
    return levels;
}
