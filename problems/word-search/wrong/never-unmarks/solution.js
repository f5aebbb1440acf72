/**
 * @param {character[][]} board
 * @param {string} word
 * @return {boolean}
 */
function exist(board, word) {
    const rows = board.length, cols = board[0].length;
    const used = board.map((row) => row.map(() => false));
    const dfs = (r, c, i) => {
        if (r < 0 || r >= rows || c < 0 || c >= cols || used[r][c] || board[r][c] !== word[i]) return false;
        if (i === word.length - 1) return true;
        // Mistake: the cell stays marked after a failed branch, so later
        // branches can no longer use it.
        used[r][c] = true;
        return dfs(r + 1, c, i + 1) || dfs(r - 1, c, i + 1) || dfs(r, c + 1, i + 1) || dfs(r, c - 1, i + 1);
    };
    for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
            if (dfs(r, c, 0)) return true;
        }
    }
    return false;
}
