function minWindow(s: string, t: string): string {
    const need: number[] = new Array(128).fill(0);
    for (let i = 0; i < t.length; i++) need[t.charCodeAt(i)]++;
    let missing = t.length; // characters of t the window still lacks
    let left = 0;
    let bestLen = s.length + 1, bestStart = 0;
    for (let right = 0; right < s.length; right++) {
        const c = s.charCodeAt(right);
        if (need[c] > 0) missing--;
        need[c]--;
        while (missing === 0) {
            if (right - left + 1 < bestLen) { // strictly shorter keeps the leftmost
                bestLen = right - left + 1;
                bestStart = left;
            }
            const d = s.charCodeAt(left);
            need[d]++;
            if (need[d] > 0) missing++;
            left++;
        }
    }
    return bestLen > s.length ? "" : s.substring(bestStart, bestStart + bestLen);
}
