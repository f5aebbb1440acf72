/**
 * @param {string} text1
 * @param {string} text2
 * @return {number}
 */
function longestCommonSubsequence(text1, text2) {
    // Wrong: measures the longest common substring (contiguous), not a
    // subsequence.
    const m = text1.length;
    const n = text2.length;
    let prev = new Array(n + 1).fill(0);
    let best = 0;
    for (let i = 1; i <= m; i++) {
        const cur = new Array(n + 1).fill(0);
        for (let j = 1; j <= n; j++) {
            if (text1[i - 1] === text2[j - 1]) {
                cur[j] = prev[j - 1] + 1;
                best = Math.max(best, cur[j]);
            }
        }
        prev = cur;
    }
    return best;
}
