function findWords(board: string[][], words: string[]): string[] {
    // Brute force: Word Search's backtracking, run for every word on its own.
    const rows = board.length, cols = board[0].length;
    const exist = (word: string): boolean => {
        if (word.length > rows * cols) return false;
        const count = new Map<string, number>();
        for (const row of board) for (const ch of row) count.set(ch, (count.get(ch) || 0) + 1);
        for (const ch of word) {
            const left = (count.get(ch) || 0) - 1;
            if (left < 0) return false;
            count.set(ch, left);
        }
        const dfs = (r: number, c: number, i: number): boolean => {
            if (r < 0 || r >= rows || c < 0 || c >= cols || board[r][c] !== word[i]) return false;
            if (i === word.length - 1) return true;
            board[r][c] = '#';
            const found = dfs(r + 1, c, i + 1) || dfs(r - 1, c, i + 1) || dfs(r, c + 1, i + 1) || dfs(r, c - 1, i + 1);
            board[r][c] = word[i];
            return found;
        };
        for (let r = 0; r < rows; r++) {
            for (let c = 0; c < cols; c++) {
                if (dfs(r, c, 0)) return true;
            }
        }
        return false;
    };
    return words.filter(exist);
}
