function lowestCommonAncestor(root: TreeNode | null, p: number, q: number): number {
    let node = root!;
    while (true) {
        if (p < node.val && q < node.val) node = node.left!;
        else if (p > node.val && q > node.val) node = node.right!;
        else return node.val;
    }
}
