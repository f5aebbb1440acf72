/**
 * @param {number[]} heights
 * @return {number}
 */
function largestRectangleArea(heights) {
    const n = heights.length;
    const stack = new Int32Array(n + 1); // indices; heights never decrease upward
    let top = 0;
    let best = 0;
    for (let i = 0; i <= n; i++) {
        const h = i < n ? heights[i] : 0; // a 0 bar at the end pops everything
        while (top > 0 && heights[stack[top - 1]] >= h) {
            const j = stack[--top];
            const left = top > 0 ? stack[top - 1] : -1;
            best = Math.max(best, heights[j] * (i - left - 1));
        }
        stack[top++] = i;
    }
    return best;
}
