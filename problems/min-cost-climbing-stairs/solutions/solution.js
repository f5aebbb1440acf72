/**
 * @param {number[]} cost
 * @return {number}
 */
function minCostClimbingStairs(cost) {
    let twoBack = 0; // cheapest cost to stand at i - 2
    let oneBack = 0; // cheapest cost to stand at i - 1
    for (let i = 2; i <= cost.length; i++) {
        const here = Math.min(oneBack + cost[i - 1], twoBack + cost[i - 2]);
        twoBack = oneBack;
        oneBack = here;
    }
    return oneBack;
}
