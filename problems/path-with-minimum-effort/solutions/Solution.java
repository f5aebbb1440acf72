class Solution {
    public int minimumEffortPath(int[][] heights) {
        int rows = heights.length, cols = heights[0].length;
        int n = rows * cols;
        // best[r * cols + c] is the smallest effort found so far to reach (r, c).
        int[] best = new int[n];
        Arrays.fill(best, Integer.MAX_VALUE);
        PriorityQueue<int[]> heap = new PriorityQueue<>((a, b) -> Integer.compare(a[0], b[0]));
        best[0] = 0;
        heap.add(new int[] {0, 0});
        int[] dr = {-1, 1, 0, 0}, dc = {0, 0, -1, 1};
        while (!heap.isEmpty()) {
            int[] top = heap.poll();
            int d = top[0], i = top[1];
            if (d > best[i]) {
                continue; // stale entry
            }
            if (i == n - 1) {
                return d;
            }
            int r = i / cols, c = i % cols;
            for (int k = 0; k < 4; k++) {
                int nr = r + dr[k], nc = c + dc[k];
                if (nr < 0 || nr >= rows || nc < 0 || nc >= cols) {
                    continue;
                }
                int nd = Math.max(d, Math.abs(heights[nr][nc] - heights[r][c]));
                int j = nr * cols + nc;
                if (nd < best[j]) {
                    best[j] = nd;
                    heap.add(new int[] {nd, j});
                }
            }
        }
        return best[n - 1];
    }
}
