function ladderLength(beginWord: string, endWord: string, wordList: string[]): number {
    if (!wordList.includes(endWord)) return 0;
    const L = beginWord.length;
    const buckets = new Map<string, string[]>();
    for (const word of wordList) {
        for (let i = 0; i < L; i++) {
            const key = word.slice(0, i) + '*' + word.slice(i + 1);
            const list = buckets.get(key);
            if (list) list.push(word);
            else buckets.set(key, [word]);
        }
    }
    const seen = new Set<string>([beginWord]);
    let level: string[] = [beginWord];
    let length = 1;
    while (level.length > 0) {
        length++;
        const next: string[] = [];
        for (const word of level) {
            for (let i = 0; i < L; i++) {
                const key = word.slice(0, i) + '*' + word.slice(i + 1);
                const list = buckets.get(key);
                if (!list) continue;
                buckets.delete(key);
                for (const other of list) {
                    if (other === endWord) return length;
                    if (!seen.has(other)) {
                        seen.add(other);
                        next.push(other);
                    }
                }
            }
        }
        level = next;
    }
    return 0;
}
