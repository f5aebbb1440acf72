/**
 * @param {string} s
 * @param {string} p
 * @return {boolean}
 */
function isMatch(s, p) {
    // Wrong: a starred element swallows every character it can and never
    // gives any back, so "aaa" against "a*a" fails.
    let i = 0;
    let j = 0;
    while (j < p.length) {
        const c = p[j];
        if (j + 1 < p.length && p[j + 1] === '*') {
            while (i < s.length && (c === '.' || s[i] === c)) i++;
            j += 2;
        } else {
            if (i >= s.length || (c !== '.' && s[i] !== c)) return false;
            i++;
            j++;
        }
    }
    return i === s.length;
}
