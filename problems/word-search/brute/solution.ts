function exist(board: string[][], word: string): boolean {
    // Brute force: walk every path of word.length distinct cells and compare
    // the letters only when the path is complete.
    const rows = board.length, cols = board[0].length, n = word.length;
    const used = new Uint8Array(rows * cols);
    const path: string[] = [];
    const walk = (r: number, c: number): boolean => {
        if (r < 0 || r >= rows || c < 0 || c >= cols || used[r * cols + c]) return false;
        used[r * cols + c] = 1;
        path.push(board[r][c]);
        let found = false;
        if (path.length === n) found = path.join('') === word;
        else found = walk(r + 1, c) || walk(r - 1, c) || walk(r, c + 1) || walk(r, c - 1);
        path.pop();
        used[r * cols + c] = 0;
        return found;
    };
    for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
            if (walk(r, c)) return true;
        }
    }
    return false;
}
