function recoverFromPreorder(traversal: string): TreeNode | null {
    const path: TreeNode[] = [];
    let i = 0;
    const n = traversal.length;
    while (i < n) {
        let d = 0;
        while (traversal[i] === "-") {
            d++;
            i++;
        }
        let v = 0;
        while (i < n && traversal[i] !== "-") {
            v = v * 10 + (traversal.charCodeAt(i) - 48);
            i++;
        }
        const node = new TreeNode(v);
        path.length = d;
        if (d > 0) {
            const parent = path[d - 1];
            if (parent.left === null) parent.left = node;
            else parent.right = node;
        }
        path.push(node);
    }
    return path[0];
}
