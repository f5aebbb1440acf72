function kthSmallest(root: TreeNode | null, k: number): number {
    const stack: TreeNode[] = [];
    let cur = root;
    while (true) {
        while (cur !== null) {
            stack.push(cur);
            cur = cur.left;
        }
        const node = stack.pop()!;
        if (--k === 0) return node.val;
        cur = node.right;
    }
}
