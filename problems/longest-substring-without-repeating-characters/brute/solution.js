/**
 * @param {string} s
 * @return {number}
 */
function lengthOfLongestSubstring(s) {
    // Brute force: test every substring for repeats, O(n^3).
    let best = 0;
    for (let i = 0; i < s.length; i++) {
        for (let j = i + 1; j <= s.length; j++) {
            if (new Set(s.slice(i, j)).size === j - i) {
                best = Math.max(best, j - i);
            }
        }
    }
    return best;
}
