function checkInclusion(s1: string, s2: string): boolean {
    // Brute force: count every window of length s1.length from scratch.
    // O(n * m).
    const m = s1.length;
    const need: number[] = new Array(26).fill(0);
    for (let i = 0; i < m; i++) need[s1.charCodeAt(i) - 97]++;
    for (let start = 0; start + m <= s2.length; start++) {
        const have: number[] = new Array(26).fill(0);
        for (let i = start; i < start + m; i++) have[s2.charCodeAt(i) - 97]++;
        let same = true;
        for (let c = 0; c < 26 && same; c++) same = have[c] === need[c];
        if (same) return true;
    }
    return false;
}
