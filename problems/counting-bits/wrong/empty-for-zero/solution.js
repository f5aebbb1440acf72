/**
 * @param {number} n
 * @return {number[]}
 */
function countBits(n) {
    // Wrong: treats n = 0 as "nothing to count" and returns [] instead of [0].
    if (n === 0) return [];
    const bits = new Array(n + 1).fill(0);
    for (let i = 1; i <= n; i++) {
        bits[i] = bits[i >> 1] + (i & 1);
    }
    return bits;
}
