/**
 * @param {number} n
 * @return {number}
 */
function climbStairs(n) {
    // ways(i) = ways(i - 1) + ways(i - 2); keep only the last two.
    let prev = 1; // ways(0)
    let cur = 1; // ways(1)
    for (let i = 2; i <= n; i++) {
        [prev, cur] = [cur, prev + cur];
    }
    return cur;
}
