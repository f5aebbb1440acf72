/**
 * @param {string} beginWord
 * @param {string} endWord
 * @param {string[]} wordList
 * @return {number}
 */
function ladderLength(beginWord, endWord, wordList) {
    // Brute force: BFS that finds a word's neighbours by comparing it with
    // every word not yet reached.
    const adjacent = (a, b) => {
        let diff = 0;
        for (let i = 0; i < a.length; i++) {
            if (a[i] !== b[i] && ++diff > 1) return false;
        }
        return diff === 1;
    };
    if (!wordList.includes(endWord)) return 0;
    let rest = wordList.filter((w) => w !== beginWord);
    let level = [beginWord];
    for (let length = 2; level.length > 0; length++) {
        const next = [];
        for (const word of level) {
            const keep = [];
            for (const other of rest) {
                if (adjacent(word, other)) {
                    if (other === endWord) return length;
                    next.push(other);
                } else {
                    keep.push(other);
                }
            }
            rest = keep;
        }
        level = next;
    }
    return 0;
}
