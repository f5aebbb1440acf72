/**
 * @param {number[]} height
 * @return {number}
 */
function maxArea(height) {
    // Brute force: every pair of lines. O(n^2).
    const n = height.length;
    let best = 0;
    for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
            best = Math.max(best, (j - i) * Math.min(height[i], height[j]));
        }
    }
    return best;
}
