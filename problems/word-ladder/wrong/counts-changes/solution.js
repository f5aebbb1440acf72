/**
 * @param {string} beginWord
 * @param {string} endWord
 * @param {string[]} wordList
 * @return {number}
 */
function ladderLength(beginWord, endWord, wordList) {
    const words = new Set(wordList);
    if (!words.has(endWord)) return 0;
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const seen = new Set([beginWord]);
    let level = [beginWord];
    // Mistake: counts the changes (edges), not the words of the ladder.
    for (let changes = 1; level.length > 0; changes++) {
        const next = [];
        for (const word of level) {
            for (let i = 0; i < word.length; i++) {
                for (const ch of letters) {
                    const cand = word.slice(0, i) + ch + word.slice(i + 1);
                    if (!words.has(cand) || seen.has(cand)) continue;
                    if (cand === endWord) return changes;
                    seen.add(cand);
                    next.push(cand);
                }
            }
        }
        level = next;
    }
    return 0;
}
