/**
 * @param {string} s1
 * @param {string} s2
 * @return {boolean}
 */
function checkInclusion(s1, s2) {
    const m = s1.length, n = s2.length;
    if (m > n) return false;
    const need = new Array(26).fill(0);
    const have = new Array(26).fill(0);
    for (let i = 0; i < m; i++) {
        need[s1.charCodeAt(i) - 97]++;
        have[s2.charCodeAt(i) - 97]++;
    }
    let agree = 0;
    for (let c = 0; c < 26; c++) if (need[c] === have[c]) agree++;
    const move = (c, d) => {
        if (have[c] === need[c]) agree--;
        have[c] += d;
        if (have[c] === need[c]) agree++;
    };
    if (agree === 26) return true;
    for (let right = m; right < n; right++) {
        move(s2.charCodeAt(right) - 97, 1);
        move(s2.charCodeAt(right - m) - 97, -1);
        if (agree === 26) return true;
    }
    return false;
}
