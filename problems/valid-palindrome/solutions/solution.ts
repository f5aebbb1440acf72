function isPalindrome(s: string): boolean {
    const isAlnum = (c: number): boolean =>
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);
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
