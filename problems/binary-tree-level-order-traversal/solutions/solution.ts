function levelOrder(root: TreeNode | null): number[][] {
    const levels: number[][] = [];
    let level: TreeNode[] = root ? [root] : [];
    while (level.length > 0) {
        const vals: number[] = [];
        const next: TreeNode[] = [];
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
