/**
 * @param {number[]} cost
 * @return {number}
 */
function minCostClimbingStairs(cost) {
    // Wrong: only step 0 is a free start; reaching step 1 is charged cost[0].
    const n = cost.length;
    const best = new Array(n + 1).fill(0);
    best[1] = cost[0];
    for (let i = 2; i <= n; i++) {
        best[i] = Math.min(best[i - 1] + cost[i - 1], best[i - 2] + cost[i - 2]);
    }
    return best[n];
}
