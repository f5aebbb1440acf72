function characterReplacement(s: string, k: number): number {
    // Brute force: from every start, extend while the stretch stays
    // fixable. O(n^2) when stretches are long.
    let best = 0;
    for (let i = 0; i < s.length; i++) {
        const count: number[] = new Array(26).fill(0);
        let top = 0;
        for (let j = i; j < s.length; j++) {
            const c = s.charCodeAt(j) - 65;
            count[c]++;
            top = Math.max(top, count[c]);
            if (j - i + 1 - top > k) break;
            best = Math.max(best, j - i + 1);
        }
    }
    return best;
}
