function minWindow(s: string, t: string): string {
    // Brute force: from every start, extend until the window covers t.
    // O(n^2) when windows are long.
    const need: number[] = new Array(128).fill(0);
    for (let i = 0; i < t.length; i++) need[t.charCodeAt(i)]++;
    let bestLen = 0, bestStart = 0;
    for (let i = 0; i < s.length; i++) {
        const have = need.slice();
        let missing = t.length;
        for (let j = i; j < s.length; j++) {
            const c = s.charCodeAt(j);
            if (have[c] > 0) missing--;
            have[c]--;
            if (missing === 0) {
                if (bestLen === 0 || j - i + 1 < bestLen) {
                    bestLen = j - i + 1;
                    bestStart = i;
                }
                break;
            }
        }
    }
    return s.substring(bestStart, bestStart + bestLen);
}
