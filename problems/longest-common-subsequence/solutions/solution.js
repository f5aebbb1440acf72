/**
 * @param {string} text1
 * @param {string} text2
 * @return {number}
 */
function longestCommonSubsequence(text1, text2) {
    const m = text1.length;
    const n = text2.length;
    let prev = new Array(n + 1).fill(0); // the row for the previous prefix of text1
    let cur = new Array(n + 1).fill(0);
    for (let i = 1; i <= m; i++) {
        const a = text1.charCodeAt(i - 1);
        for (let j = 1; j <= n; j++) {
            if (a === text2.charCodeAt(j - 1)) cur[j] = prev[j - 1] + 1;
            else cur[j] = Math.max(prev[j], cur[j - 1]);
        }
        [prev, cur] = [cur, prev];
    }
    return prev[n];
}
