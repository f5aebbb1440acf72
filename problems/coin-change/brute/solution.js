/**
 * @param {number[]} coins
 * @param {number} amount
 * @return {number}
 */
function coinChange(coins, amount) {
    // Brute force: try every coin as the last one, recursively, without
    // remembering results. Exponential in amount.
    const fewest = (rest) => {
        if (rest === 0) return 0;
        let best = Infinity;
        for (const c of coins) {
            if (c <= rest) best = Math.min(best, fewest(rest - c) + 1);
        }
        return best;
    };
    const answer = fewest(amount);
    return answer === Infinity ? -1 : answer;
}
