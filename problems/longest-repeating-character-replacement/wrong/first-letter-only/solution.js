/**
 * @param {string} s
 * @param {number} k
 * @return {number}
 */
function characterReplacement(s, k) {
    // Wrong: from every start, keeps the start's letter and changes the
    // others, so stretches that begin with a changed letter are missed.
    let best = 0;
    for (let i = 0; i < s.length; i++) {
        let changes = 0;
        let j = i;
        while (j < s.length && (s[j] === s[i] || changes < k)) {
            if (s[j] !== s[i]) changes++;
            j++;
        }
        best = Math.max(best, j - i);
    }
    return best;
}
