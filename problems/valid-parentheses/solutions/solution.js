/**
 * @param {string} s
 * @return {boolean}
 */
function isValid(s) {
    const partner = { ')': '(', ']': '[', '}': '{' };
    const stack = [];
    for (const ch of s) {
        if (ch in partner) {
            // A closer must match the most recent opener still open.
            if (stack.length === 0 || stack[stack.length - 1] !== partner[ch]) {
                return false;
            }
            stack.pop();
        } else {
            stack.push(ch);
        }
    }
    return stack.length === 0;
}
