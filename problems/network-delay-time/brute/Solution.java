class Solution {
    public int networkDelayTime(int[][] times, int n, int k) {
        // Brute force: Bellman-Ford, relaxing every link n - 1 times.
        int inf = Integer.MAX_VALUE / 2;
        int[] dist = new int[n + 1];
        Arrays.fill(dist, inf);
        dist[k] = 0;
        for (int round = 1; round < n; round++) {
            for (int[] t : times) {
                if (dist[t[0]] + t[2] < dist[t[1]]) {
                    dist[t[1]] = dist[t[0]] + t[2];
                }
            }
        }
        int latest = 0;
        for (int v = 1; v <= n; v++) {
            latest = Math.max(latest, dist[v]);
        }
        return latest >= inf ? -1 : latest;
    }
}
