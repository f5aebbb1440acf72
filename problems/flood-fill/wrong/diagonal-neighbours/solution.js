/**
 * @param {number[][]} image
 * @param {number} sr
 * @param {number} sc
 * @param {number} color
 * @return {number[][]}
 */
function floodFill(image, sr, sc, color) {
    const old = image[sr][sc];
    if (old === color) return image;
    const rows = image.length, cols = image[0].length;
    const stack = [[sr, sc]];
    while (stack.length > 0) {
        const [r, c] = stack.pop();
        if (r < 0 || r >= rows || c < 0 || c >= cols || image[r][c] !== old) continue;
        image[r][c] = color;
        // Mistake: all eight neighbours, diagonals included.
        for (let dr = -1; dr <= 1; dr++) {
            for (let dc = -1; dc <= 1; dc++) {
                if (dr !== 0 || dc !== 0) stack.push([r + dr, c + dc]);
            }
        }
    }
    return image;
}
