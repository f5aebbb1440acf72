function isAnagram(s: string, t: string): boolean {
    // Brute force: cross out, for each letter of s, the first unused equal
    // letter of t. O(n^2).
    if (s.length !== t.length) return false;
    const used: boolean[] = new Array(t.length).fill(false);
    for (let i = 0; i < s.length; i++) {
        let found = false;
        for (let j = 0; j < t.length; j++) {
            if (!used[j] && t[j] === s[i]) {
                used[j] = true;
                found = true;
                break;
            }
        }
        if (!found) return false;
    }
    return true;
}
