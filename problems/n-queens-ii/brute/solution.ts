function totalNQueens(n: number): number {
    // Brute force: every way to put one queen in each row (n^n boards),
    // checked only when the board is full.
    const col: number[] = new Array(n).fill(0);
    const valid = (): boolean => {
        for (let a = 0; a < n; a++) {
            for (let b = a + 1; b < n; b++) {
                if (col[a] === col[b] || Math.abs(col[a] - col[b]) === b - a) return false;
            }
        }
        return true;
    };
    const fill = (row: number): number => {
        if (row === n) return valid() ? 1 : 0;
        let count = 0;
        for (let c = 0; c < n; c++) {
            col[row] = c;
            count += fill(row + 1);
        }
        return count;
    };
    return fill(0);
}
