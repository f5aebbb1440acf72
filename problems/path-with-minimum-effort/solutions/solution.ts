function minimumEffortPath(heights: number[][]): number {
    const rows = heights.length, cols = heights[0].length;
    const n = rows * cols;
    // best[r * cols + c] is the smallest effort found so far to reach (r, c).
    const best = new Float64Array(n).fill(Infinity);
    // Binary min-heap of (effort, cell) in two parallel arrays; every cell is
    // pushed at most once per neighbour, so 4n + 1 entries are enough.
    const hd = new Float64Array(4 * n + 1), hv = new Int32Array(4 * n + 1);
    let size = 0;
    const push = (d: number, v: number): void => {
        let i = size++;
        while (i > 0) {
            const p = (i - 1) >> 1;
            if (hd[p] <= d) break;
            hd[i] = hd[p];
            hv[i] = hv[p];
            i = p;
        }
        hd[i] = d;
        hv[i] = v;
    };
    const pop = (): void => {
        const d = hd[--size], v = hv[size];
        let i = 0;
        for (;;) {
            let c = 2 * i + 1;
            if (c >= size) break;
            if (c + 1 < size && hd[c + 1] < hd[c]) c++;
            if (hd[c] >= d) break;
            hd[i] = hd[c];
            hv[i] = hv[c];
            i = c;
        }
        hd[i] = d;
        hv[i] = v;
    };
    best[0] = 0;
    push(0, 0);
    while (size > 0) {
        const d = hd[0], i = hv[0];
        pop();
        if (d > best[i]) continue; // stale entry
        if (i === n - 1) return d;
        const r = Math.floor(i / cols), c = i - r * cols;
        const h = heights[r][c];
        const relax = (nr: number, nc: number): void => {
            const nd = Math.max(d, Math.abs(heights[nr][nc] - h));
            const j = nr * cols + nc;
            if (nd < best[j]) {
                best[j] = nd;
                push(nd, j);
            }
        };
        if (r > 0) relax(r - 1, c);
        if (r + 1 < rows) relax(r + 1, c);
        if (c > 0) relax(r, c - 1);
        if (c + 1 < cols) relax(r, c + 1);
    }
    return best[n - 1];
}
