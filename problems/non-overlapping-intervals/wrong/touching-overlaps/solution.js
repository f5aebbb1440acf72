/**
 * @param {number[][]} intervals
 * @return {number}
 */
function eraseOverlapIntervals(intervals) {
    // Wrong: '>' instead of '>=' treats touching intervals as overlapping.
    const sorted = [...intervals].sort((x, y) => x[1] - y[1]);
    let removed = 0;
    let end = -Infinity;
    for (const [start, finish] of sorted) {
        if (start > end) {
            end = finish;
        } else {
            removed++;
        }
    }
    return removed;
}
