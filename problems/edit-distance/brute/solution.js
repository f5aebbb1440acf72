/**
 * @param {string} word1
 * @param {string} word2
 * @return {number}
 */
function minDistance(word1, word2) {
    // Brute force: try all three operations recursively, without
    // remembering results. Exponential in the lengths of the words.
    const m = word1.length;
    const n = word2.length;
    const dist = (i, j) => {
        if (i === m) return n - j;
        if (j === n) return m - i;
        if (word1[i] === word2[j]) return dist(i + 1, j + 1);
        return 1 + Math.min(dist(i + 1, j), dist(i, j + 1), dist(i + 1, j + 1));
    };
    return dist(0, 0);
}
