/**
 * @param {number[][]} intervals
 * @return {number[][]}
 */
function merge(intervals) {
    const sorted = [...intervals].sort((x, y) => x[0] - y[0]);
    const merged = [];
    for (const [start, end] of sorted) {
        const last = merged[merged.length - 1];
        if (last && start <= last[1]) { // overlaps (or touches) the last group
            last[1] = Math.max(last[1], end);
        } else {
            merged.push([start, end]);
        }
    }
    return merged;
}
