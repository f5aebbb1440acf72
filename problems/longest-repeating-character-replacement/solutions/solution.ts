function characterReplacement(s: string, k: number): number {
    const count: number[] = new Array(26).fill(0);
    let left = 0;
    let top = 0; // the largest letter count any window has reached
    let best = 0;
    for (let right = 0; right < s.length; right++) {
        const c = s.charCodeAt(right) - 65;
        count[c]++;
        if (count[c] > top) top = count[c];
        if (right - left + 1 - top > k) {
            count[s.charCodeAt(left) - 65]--;
            left++;
        }
        best = Math.max(best, right - left + 1);
    }
    return best;
}
