function groupAnagrams(strs: string[]): string[][] {
    // Brute force: compare each word with the first word of every group
    // found so far. O(n * groups * k), quadratic when groups are many.
    const isAnagram = (a: string, b: string): boolean => {
        if (a.length !== b.length) return false;
        const count = new Array<number>(26).fill(0);
        for (let i = 0; i < a.length; i++) {
            count[a.charCodeAt(i) - 97]++;
            count[b.charCodeAt(i) - 97]--;
        }
        return count.every((c) => c === 0);
    };
    const groups: string[][] = [];
    for (const word of strs) {
        const group = groups.find((g) => isAnagram(g[0], word));
        if (group) {
            group.push(word);
        } else {
            groups.push([word]);
        }
    }
    return groups;
}
