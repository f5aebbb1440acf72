/**
 * @param {string} s
 * @return {boolean}
 */
function isPalindrome(s) {
    const isAlnum = (c) =>
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    // ASCII uppercase is 32 below its lowercase letter; digits stay as they are.
    const lower = (c) => (c >= 65 && c <= 90 ? c + 32 : c);
    let left = 0;
    let right = s.length - 1;
    while (left < right) {
        const a = s.charCodeAt(left);
        const b = s.charCodeAt(right);
        if (!isAlnum(a)) {
            left++;
        } else if (!isAlnum(b)) {
            right--;
        } else if (lower(a) !== lower(b)) {
            return false;
        } else {
            left++;
            right--;
        }
    }
    return true;
}
