function findCircleNum(isConnected: number[][]): number {
    const n = isConnected.length;
    const parent: number[] = Array.from({ length: n }, (_, i) => i);
    const size: number[] = new Array(n).fill(1);
    const find = (v: number): number => {
        let root = v;
        while (parent[root] !== root) root = parent[root];
        while (parent[v] !== root) {
            const next = parent[v];
            parent[v] = root;
            v = next;
        }
        return root;
    };
    let provinces = n;
    for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
            if (isConnected[i][j] !== 1) continue;
            let a = find(i), b = find(j);
            if (a === b) continue;
            if (size[a] < size[b]) [a, b] = [b, a];
            parent[b] = a;
            size[a] += size[b];
            provinces--;
        }
    }
    return provinces;
}
