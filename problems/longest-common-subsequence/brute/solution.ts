function longestCommonSubsequence(text1: string, text2: string): number {
    // Brute force: compare from the front recursively, without remembering
    // results. Exponential when few characters match.
    const lcs = (i: number, j: number): number => {
        if (i === text1.length || j === text2.length) return 0;
        if (text1[i] === text2[j]) return 1 + lcs(i + 1, j + 1);
        return Math.max(lcs(i + 1, j), lcs(i, j + 1));
    };
    return lcs(0, 0);
}
