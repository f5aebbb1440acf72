/**
 * @param {number[]} prices
 * @return {number}
 */
function maxProfit(prices) {
    // Brute force: try every buy day with every later sell day. O(n^2).
    let best = 0;
    for (let i = 0; i < prices.length; i++) {
        for (let j = i + 1; j < prices.length; j++) {
            if (prices[j] - prices[i] > best) best = prices[j] - prices[i];
        }
    }
    return best;
}
