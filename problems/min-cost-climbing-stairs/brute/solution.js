/**
 * @param {number[]} cost
 * @return {number}
 */
function minCostClimbingStairs(cost) {
    // Brute force: from every step try both moves recursively, without
    // remembering results. Exponential in the number of steps.
    const n = cost.length;
    const climb = (i) => (i >= n ? 0 : cost[i] + Math.min(climb(i + 1), climb(i + 2)));
    return Math.min(climb(0), climb(1));
}
