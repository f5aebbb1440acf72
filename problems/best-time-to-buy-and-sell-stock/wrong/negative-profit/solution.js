/**
 * @param {number[]} prices
 * @return {number}
 */
function maxProfit(prices) {
    // Wrong: forces a trade, so falling prices give a loss instead of 0.
    let lowest = prices[0];
    let best = -Infinity;
    for (let i = 1; i < prices.length; i++) {
        best = Math.max(best, prices[i] - lowest);
        lowest = Math.min(lowest, prices[i]);
    }
    return prices.length === 1 ? 0 : best;
}
