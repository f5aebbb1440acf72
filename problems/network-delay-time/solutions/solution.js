/**
 * @param {number[][]} times
 * @param {number} n
 * @param {number} k
 * @return {number}
 */
function networkDelayTime(times, n, k) {
    const m = times.length;
    // Links as forward-star lists in typed arrays: head[u] is u's first link.
    const head = new Int32Array(n + 1).fill(-1);
    const next = new Int32Array(m), to = new Int32Array(m), delay = new Int32Array(m);
    for (let i = 0; i < m; i++) {
        const t = times[i];
        to[i] = t[1];
        delay[i] = t[2];
        next[i] = head[t[0]];
        head[t[0]] = i;
    }
    const best = new Float64Array(n + 1).fill(Infinity);
    const done = new Uint8Array(n + 1);
    // Binary min-heap of (distance, node) in two parallel arrays.
    const hd = new Float64Array(m + 1), hv = new Int32Array(m + 1);
    let size = 0;
    const push = (d, v) => {
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
    const pop = () => {
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
    best[k] = 0;
    push(0, k);
    let settled = 0, latest = 0;
    while (size > 0) {
        const d = hd[0], u = hv[0];
        pop();
        if (done[u]) continue;
        done[u] = 1;
        settled++;
        latest = d;
        for (let e = head[u]; e !== -1; e = next[e]) {
            const v = to[e], nd = d + delay[e];
            if (nd < best[v]) {
                best[v] = nd;
                push(nd, v);
            }
        }
    }
    return settled === n ? latest : -1;
}
