/**
 * @param {string} s
 * @return {boolean}
 */
function isValid(s) {
    // Brute force: repeatedly find an adjacent matching pair and delete it.
    // Each deletion rescans from the start, so this is O(n^2).
    const chars = s.split('');
    const pairs = new Set(['()', '[]', '{}']);
    let changed = true;
    while (changed && chars.length > 0) {
        changed = false;
        for (let i = 0; i + 1 < chars.length; i++) {
            if (pairs.has(chars[i] + chars[i + 1])) {
                chars.splice(i, 2);
                changed = true;
                break;
            }
        }
    }
    return chars.length === 0;
}
