class Solution {
    public int[][] kClosest(int[][] points, int k) {
        // Max-heap by squared distance, holding the k closest points so far.
        PriorityQueue<int[]> heap = new PriorityQueue<>((a, b) -> Long.compare(dist(b), dist(a)));
        for (int[] p : points) {
            heap.add(p);
            if (heap.size() > k) heap.poll();
        }
        return heap.toArray(new int[0][]);
    }

    private static long dist(int[] p) {
        int d = p[0] * p[0] + p[1] * p[1];
        return d;
    }
}
