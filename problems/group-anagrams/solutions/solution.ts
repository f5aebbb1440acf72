function groupAnagrams(strs: string[]): string[][] {
    const groups = new Map<string, string[]>();
    for (const word of strs) {
        // Anagrams share their sorted letters, so that is the group key.
        const key = word.split('').sort().join('');
        const group = groups.get(key);
        if (group) {
            group.push(word);
        } else {
            groups.set(key, [word]);
        }
    }
    return [...groups.values()];
}
