function isMatch(s: string, p: string): boolean {
    // Brute force: the recursion without memoisation; exponential on many
    // stars against a long run of one letter.
    const match = (i: number, j: number): boolean => {
        if (j === p.length) return i === s.length;
        const first = i < s.length && (p[j] === s[i] || p[j] === '.');
        if (j + 1 < p.length && p[j + 1] === '*') {
            return match(i, j + 2) || (first && match(i + 1, j));
        }
        return first && match(i + 1, j + 1);
    };
    return match(0, 0);
}
