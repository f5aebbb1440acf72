/**
 * @param {string} text1
 * @param {string} text2
 * @return {number}
 */
function longestCommonSubsequence(text1, text2) {
    // Brute force: compare from the front recursively, without remembering
    // results. Exponential when few characters match.
    const lcs = (i, j) => {
        if (i === text1.length || j === text2.length) return 0;
        if (text1[i] === text2[j]) return 1 + lcs(i + 1, j + 1);
        return Math.max(lcs(i + 1, j), lcs(i, j + 1));
    };
    return lcs(0, 0);
}
