function isMatch(s: string, p: string): boolean {
    const m = s.length;
    const n = p.length;
    // match[i][j]: s[i:] is matched by p[j:]
    const match: boolean[][] = Array.from({ length: m + 1 }, () => new Array(n + 1).fill(false));
    match[m][n] = true;
    for (let i = m; i >= 0; i--) {
        for (let j = n - 1; j >= 0; j--) {
            const first = i < m && (p[j] === s[i] || p[j] === '.');
            if (j + 1 < n && p[j + 1] === '*') {
                match[i][j] = match[i][j + 2] || (first && match[i + 1][j]);
            } else {
                match[i][j] = first && match[i + 1][j + 1];
            }
        }
    }
    return match[0][0];
}
