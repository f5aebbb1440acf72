/**
 * @param {number[][]} heights
 * @return {number}
 */
function minimumEffortPath(heights) {
    // Mistake: a plain BFS that fixes a cell's effort the first time it is
    // reached, as if the fewest steps were also the lowest effort.
    const rows = heights.length, cols = heights[0].length;
    const effort = [];
    for (let r = 0; r < rows; r++) effort.push(new Array(cols).fill(-1));
    effort[0][0] = 0;
    const queue = [[0, 0]];
    for (let head = 0; head < queue.length; head++) {
        const [r, c] = queue[head];
        for (const [dr, dc] of [[-1, 0], [1, 0], [0, -1], [0, 1]]) {
            const nr = r + dr, nc = c + dc;
            if (nr < 0 || nr >= rows || nc < 0 || nc >= cols || effort[nr][nc] !== -1) continue;
            effort[nr][nc] = Math.max(effort[r][c], Math.abs(heights[nr][nc] - heights[r][c]));
            queue.push([nr, nc]);
        }
    }
    return effort[rows - 1][cols - 1];
}
