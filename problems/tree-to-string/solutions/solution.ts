function tree2str(root: TreeNode | null): string {
    const out: string[] = [];
    const write = (node: TreeNode): void => {
        out.push(String(node.val));
        if (node.left || node.right) {
            out.push("(");
            if (node.left) write(node.left);
            out.push(")");
        }
        if (node.right) {
            out.push("(");
            write(node.right);
            out.push(")");
        }
    };
    if (root) write(root);
    return out.join("");
}
