/**
 * @param {number} n
 * @return {number[]}
 */
function countBits(n) {
    const bits = new Array(n + 1).fill(0);
    for (let i = 1; i <= n; i++) {
        bits[i] = bits[i >> 1] + (i & 1); // drop the lowest bit, add it back
    }
    return bits;
}
