function isValidBST(root: TreeNode | null): boolean {
    const lo = (n: TreeNode | null): number => (n === null ? Infinity : Math.min(n.val, lo(n.left), lo(n.right)));
    const hi = (n: TreeNode | null): number => (n === null ? -Infinity : Math.max(n.val, hi(n.left), hi(n.right)));
    const ok = (n: TreeNode | null): boolean => {
        if (n === null) return true;
        if (hi(n.left) >= n.val || lo(n.right) <= n.val) return false;
        return ok(n.left) && ok(n.right);
    };
    return ok(root);
}
