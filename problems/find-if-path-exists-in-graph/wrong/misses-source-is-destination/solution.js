/**
 * @param {number} n
 * @param {number[][]} edges
 * @param {number} source
 * @param {number} destination
 * @return {boolean}
 */
function validPath(n, edges, source, destination) {
    const adj = Array.from({ length: n }, () => []);
    for (const [u, v] of edges) {
        adj[u].push(v);
        adj[v].push(u);
    }
    const seen = new Uint8Array(n);
    seen[source] = 1;
    const queue = [source];
    for (let head = 0; head < queue.length; head++) {
        // Mistake: only neighbours are compared with destination, never the
        // source itself.
        for (const v of adj[queue[head]]) {
            if (v === destination) return true;
            if (!seen[v]) {
                seen[v] = 1;
                queue.push(v);
            }
        }
    }
    return false;
}
