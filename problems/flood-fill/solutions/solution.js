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
    const stack = [sr, sc];
    while (stack.length > 0) {
        const c = stack.pop(), r = stack.pop();
        if (r < 0 || r >= rows || c < 0 || c >= cols || image[r][c] !== old) continue;
        image[r][c] = color;
        stack.push(r + 1, c, r - 1, c, r, c + 1, r, c - 1);
    }
    return image;
}
