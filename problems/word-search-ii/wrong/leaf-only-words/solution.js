/**
 * @param {character[][]} board
 * @param {string[]} words
 * @return {string[]}
 */
function findWords(board, words) {
    const root = new Map();
    for (const w of words) {
        let node = root;
        for (const ch of w) {
            if (!node.has(ch)) node.set(ch, new Map());
            node = node.get(ch);
        }
    }
    const rows = board.length, cols = board[0].length;
    const found = new Set();
    const dfs = (r, c, node, path) => {
        if (r < 0 || r >= rows || c < 0 || c >= cols) return;
        const ch = board[r][c];
        if (!node.has(ch)) return;
        node = node.get(ch);
        path += ch;
        // Mistake: a word is recognised only where the trie has no children,
        // so a word that is a prefix of another ("app" under "apple") is missed.
        if (node.size === 0) {
            found.add(path);
            return;
        }
        board[r][c] = '#';
        dfs(r + 1, c, node, path);
        dfs(r - 1, c, node, path);
        dfs(r, c + 1, node, path);
        dfs(r, c - 1, node, path);
        board[r][c] = ch;
    };
    for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) dfs(r, c, root, '');
    }
    return [...found];
}
