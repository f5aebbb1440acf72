function numIslands(grid: string[][]): number {
    const rows = grid.length;
    const cols = grid[0].length;
    const dirs: [number, number][] = [[1, 0], [-1, 0], [0, 1], [0, -1]];
    let islands = 0;
    for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
            if (grid[r][c] !== '1') {
                continue;
            }
            islands++;
            // Sink the whole island so none of its cells is counted again.
            // An explicit stack avoids deep recursion on big islands.
            grid[r][c] = '0';
            const stack: [number, number][] = [[r, c]];
            while (stack.length > 0) {
                const [i, j] = stack.pop()!;
                for (const [di, dj] of dirs) {
                    const x = i + di;
                    const y = j + dj;
                    if (x >= 0 && x < rows && y >= 0 && y < cols && grid[x][y] === '1') {
                        grid[x][y] = '0';
                        stack.push([x, y]);
                    }
                }
            }
        }
    }
    return islands;
}
