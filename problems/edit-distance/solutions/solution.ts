function minDistance(word1: string, word2: string): number {
    const m = word1.length;
    const n = word2.length;
    let prev: number[] = Array.from({ length: n + 1 }, (_, j) => j); // turning "" into each prefix of word2
    let cur: number[] = new Array(n + 1).fill(0);
    for (let i = 1; i <= m; i++) {
        cur[0] = i; // turning i characters into "" takes i deletions
        const a = word1.charCodeAt(i - 1);
        for (let j = 1; j <= n; j++) {
            if (a === word2.charCodeAt(j - 1)) cur[j] = prev[j - 1];
            else cur[j] = 1 + Math.min(prev[j], cur[j - 1], prev[j - 1]);
        }
        [prev, cur] = [cur, prev];
    }
    return prev[n];
}
