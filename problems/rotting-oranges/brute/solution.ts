function orangesRotting(grid: number[][]): number {
    // Brute force: simulate minute by minute, rescanning the whole grid.
    const rows = grid.length, cols = grid[0].length;
    let minutes = 0;
    for (;;) {
        let fresh = 0;
        const rot: number[] = [];
        for (let r = 0; r < rows; r++) {
            for (let c = 0; c < cols; c++) {
                if (grid[r][c] !== 1) continue;
                fresh++;
                if ((r > 0 && grid[r - 1][c] === 2) || (r + 1 < rows && grid[r + 1][c] === 2) ||
                    (c > 0 && grid[r][c - 1] === 2) || (c + 1 < cols && grid[r][c + 1] === 2)) {
                    rot.push(r, c);
                }
            }
        }
        if (fresh === 0) return minutes;
        if (rot.length === 0) return -1;
        for (let i = 0; i < rot.length; i += 2) grid[rot[i]][rot[i + 1]] = 2;
        minutes++;
    }
}
