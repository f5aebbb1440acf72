/**
 * @param {string} s
 * @return {number}
 */
function lengthOfLongestSubstring(s) {
    const last = new Array(128).fill(-1); // char code -> index last seen
    let left = 0;
    let best = 0;
    for (let right = 0; right < s.length; right++) {
        const c = s.charCodeAt(right);
        // A repeat inside the window: restart just after its earlier copy.
        if (last[c] >= left) {
            left = last[c] + 1;
        }
        last[c] = right;
        best = Math.max(best, right - left + 1);
    }
    return best;
}
