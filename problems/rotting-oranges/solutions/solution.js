/**
 * @param {number[][]} grid
 * @return {number}
 */
function orangesRotting(grid) {
    const rows = grid.length, cols = grid[0].length;
    let fresh = 0;
    let level = [];
    for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
            if (grid[r][c] === 2) level.push(r * cols + c);
            else if (grid[r][c] === 1) fresh++;
        }
    }
    let minutes = 0;
    while (fresh > 0 && level.length > 0) {
        const next = [];
        for (const cell of level) {
            const r = Math.floor(cell / cols), c = cell % cols;
            if (r > 0 && grid[r - 1][c] === 1) { grid[r - 1][c] = 2; next.push(cell - cols); }
            if (r + 1 < rows && grid[r + 1][c] === 1) { grid[r + 1][c] = 2; next.push(cell + cols); }
            if (c > 0 && grid[r][c - 1] === 1) { grid[r][c - 1] = 2; next.push(cell - 1); }
            if (c + 1 < cols && grid[r][c + 1] === 1) { grid[r][c + 1] = 2; next.push(cell + 1); }
        }
        fresh -= next.length;
        if (next.length > 0) minutes++;
        level = next;
    }
    return fresh > 0 ? -1 : minutes;
}
