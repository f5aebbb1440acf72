/**
 * @param {string} s
 * @return {boolean}
 */
function isValid(s) {
    // Wrong: every closer is checked, but openers still open at the end are
    // forgotten, so "((" passes.
    const stack = [];
    const want = { ')': '(', ']': '[', '}': '{' };
    for (const ch of s) {
        if (ch in want) {
            if (stack.pop() !== want[ch]) return false;
        } else {
            stack.push(ch);
        }
    }
    return true;
}
