/**
 * @param {number[][]} times
 * @param {number} n
 * @param {number} k
 * @return {number}
 */
function networkDelayTime(times, n, k) {
    const dist = new Array(n + 1).fill(Infinity);
    dist[k] = 0;
    // Bellman-Ford with an early stop (fine on small inputs)...
    for (let round = 1; round < n; round++) {
        let changed = false;
        for (const [u, v, w] of times) {
            if (dist[u] + w < dist[v]) {
                dist[v] = dist[u] + w;
                changed = true;
            }
        }
        if (!changed) break;
    }
    // Mistake: the largest finite distance is returned even when a node
    // was never reached.
    let latest = 0;
    for (let v = 1; v <= n; v++) if (dist[v] !== Infinity) latest = Math.max(latest, dist[v]);
    return latest;
}
