/**
 * @param {number[][]} intervals
 * @return {number}
 */
function eraseOverlapIntervals(intervals) {
    const sorted = [...intervals].sort((x, y) => x[1] - y[1]);
    let removed = 0;
    let end = -Infinity; // end of the last interval kept
    for (const [start, finish] of sorted) {
        if (start >= end) { // touching is fine
            end = finish;
        } else {
            removed++;
        }
    }
    return removed;
}
