function networkDelayTime(times: number[][], n: number, k: number): number {
    // Brute force: Bellman-Ford, relaxing every link n - 1 times.
    const dist = new Array(n + 1).fill(Infinity);
    dist[k] = 0;
    for (let round = 1; round < n; round++) {
        for (const [u, v, w] of times) {
            if (dist[u] + w < dist[v]) dist[v] = dist[u] + w;
        }
    }
    let latest = 0;
    for (let v = 1; v <= n; v++) latest = Math.max(latest, dist[v]);
    return latest === Infinity ? -1 : latest;
}
