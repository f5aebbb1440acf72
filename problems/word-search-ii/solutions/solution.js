/**
 * @param {character[][]} board
 * @param {string[]} words
 * @return {string[]}
 */
function findWords(board, words) {
    // A trie of the words: a Map per node; node.word is the word ending there.
    const root = { next: new Map(), word: null };
    for (const w of words) {
        let node = root;
        for (const ch of w) {
            if (!node.next.has(ch)) node.next.set(ch, { next: new Map(), word: null });
            node = node.next.get(ch);
        }
        node.word = w;
    }
    const rows = board.length, cols = board[0].length;
    const found = [];
    const dfs = (r, c, parent) => {
        const ch = board[r][c];
        const node = parent.next.get(ch);
        if (node.word !== null) {
            found.push(node.word);
            node.word = null; // report it once
        }
        board[r][c] = '#';
        if (r + 1 < rows && node.next.has(board[r + 1][c])) dfs(r + 1, c, node);
        if (r > 0 && node.next.has(board[r - 1][c])) dfs(r - 1, c, node);
        if (c + 1 < cols && node.next.has(board[r][c + 1])) dfs(r, c + 1, node);
        if (c > 0 && node.next.has(board[r][c - 1])) dfs(r, c - 1, node);
        board[r][c] = ch;
        // Nothing left to find below: prune the branch.
        if (node.next.size === 0 && node.word === null) parent.next.delete(ch);
    };
    for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
            if (root.next.has(board[r][c])) dfs(r, c, root);
        }
    }
    return found;
}
