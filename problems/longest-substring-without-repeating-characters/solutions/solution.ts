function lengthOfLongestSubstring(s: string): number {
    const last = new Map<string, number>(); // character -> index last seen
    let left = 0;
    let best = 0;
    for (let right = 0; right < s.length; right++) {
        const ch = s[right];
        const prev = last.get(ch);
        // A repeat inside the window: restart just after its earlier copy.
        if (prev !== undefined && prev >= left) {
            left = prev + 1;
        }
        last.set(ch, right);
        best = Math.max(best, right - left + 1);
    }
    return best;
}
