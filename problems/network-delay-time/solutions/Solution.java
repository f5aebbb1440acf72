class Solution {
    public int networkDelayTime(int[][] times, int n, int k) {
        List<List<int[]>> adj = new ArrayList<>();
        for (int i = 0; i <= n; i++) {
            adj.add(new ArrayList<>());
        }
        for (int[] t : times) {
            adj.get(t[0]).add(new int[] {t[1], t[2]});
        }
        int[] best = new int[n + 1];
        Arrays.fill(best, Integer.MAX_VALUE);
        boolean[] done = new boolean[n + 1];
        PriorityQueue<int[]> heap = new PriorityQueue<>((a, b) -> Integer.compare(a[0], b[0]));
        best[k] = 0;
        heap.add(new int[] {0, k});
        int settled = 0, latest = 0;
        while (!heap.isEmpty()) {
            int[] top = heap.poll();
            int d = top[0], u = top[1];
            if (done[u]) {
                continue;
            }
            done[u] = true;
            settled++;
            latest = d;
            for (int[] e : adj.get(u)) {
                int nd = d + e[1];
                if (nd < best[e[0]]) {
                    best[e[0]] = nd;
                    heap.add(new int[] {nd, e[0]});
                }
            }
        }
        return settled == n ? latest : -1;
    }
}
