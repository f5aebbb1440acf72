function minimumEffortPath(heights: number[][]): number {
    // Brute force: Bellman-Ford style, sweep over every cell and relax its
    // neighbours until a whole sweep changes nothing.
    const rows = heights.length, cols = heights[0].length;
    const best: number[][] = [];
    for (let r = 0; r < rows; r++) best.push(new Array(cols).fill(Infinity));
    best[0][0] = 0;
    const moves = [[-1, 0], [1, 0], [0, -1], [0, 1]];
    let changed = true;
    while (changed) {
        changed = false;
        for (let r = 0; r < rows; r++) {
            for (let c = 0; c < cols; c++) {
                const d = best[r][c];
                if (d === Infinity) continue;
                for (const [dr, dc] of moves) {
                    const nr = r + dr, nc = c + dc;
                    if (nr < 0 || nr >= rows || nc < 0 || nc >= cols) continue;
                    const nd = Math.max(d, Math.abs(heights[nr][nc] - heights[r][c]));
                    if (nd < best[nr][nc]) {
                        best[nr][nc] = nd;
                        changed = true;
                    }
                }
            }
        }
    }
    return best[rows - 1][cols - 1];
}
