/**
 * @param {number[][]} points
 * @param {number} k
 * @return {number[][]}
 */
function kClosest(points, k) {
    // A max-heap of [distance, index] holding the k closest points so far.
    const heap = [];
    const up = (i) => {
        while (i > 0) {
            const p = (i - 1) >> 1;
            if (heap[p][0] >= heap[i][0]) break;
            [heap[p], heap[i]] = [heap[i], heap[p]];
            i = p;
        }
    };
    const down = (i) => {
        for (;;) {
            const l = 2 * i + 1, r = l + 1;
            let m = i;
            if (l < heap.length && heap[l][0] > heap[m][0]) m = l;
            if (r < heap.length && heap[r][0] > heap[m][0]) m = r;
            if (m === i) break;
            [heap[m], heap[i]] = [heap[i], heap[m]];
            i = m;
        }
    };
    for (let i = 0; i < points.length; i++) {
        const [x, y] = points[i];
        heap.push([x * x + y * y, i]);
        up(heap.length - 1);
        if (heap.length > k) {
            heap[0] = heap[heap.length - 1];
            heap.pop();
            down(0);
        }
    }
    return heap.map(([, i]) => points[i]);
}
