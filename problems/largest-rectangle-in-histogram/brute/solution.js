/**
 * @param {number[]} heights
 * @return {number}
 */
function largestRectangleArea(heights) {
    // Brute force: every run of bars with its lowest bar. O(n^2).
    let best = 0;
    for (let i = 0; i < heights.length; i++) {
        let low = heights[i];
        for (let j = i; j < heights.length; j++) {
            if (heights[j] < low) low = heights[j];
            if (low * (j - i + 1) > best) best = low * (j - i + 1);
        }
    }
    return best;
}
