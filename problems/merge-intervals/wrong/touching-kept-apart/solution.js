/**
 * @param {number[][]} intervals
 * @return {number[][]}
 */
function merge(intervals) {
    // Wrong: '<' instead of '<=' keeps intervals that share an endpoint
    // apart.
    const sorted = [...intervals].sort((x, y) => x[0] - y[0]);
    const merged = [];
    for (const [start, end] of sorted) {
        const last = merged[merged.length - 1];
        if (last && start < last[1]) {
            last[1] = Math.max(last[1], end);
        } else {
            merged.push([start, end]);
        }
    }
    return merged;
}
