/**
 * @param {number} n
 * @param {number[][]} edges
 * @param {number} source
 * @param {number} destination
 * @return {boolean}
 */
function validPath(n, edges, source, destination) {
    const parent = new Int32Array(n);
    const size = new Int32Array(n).fill(1);
    for (let v = 0; v < n; v++) parent[v] = v;
    const find = (v) => {
        let root = v;
        while (parent[root] !== root) root = parent[root];
        while (parent[v] !== root) { // path compression
            const next = parent[v];
            parent[v] = root;
            v = next;
        }
        return root;
    };
    for (const [u, v] of edges) {
        let a = find(u), b = find(v);
        if (a === b) continue;
        if (size[a] < size[b]) [a, b] = [b, a];
        parent[b] = a;
        size[a] += size[b];
    }
    return find(source) === find(destination);
}
