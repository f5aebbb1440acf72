class Solution {
    public int maxProfit(int[] prices) {
        // Wrong: forces a trade, so falling prices give a loss instead of 0
        // (and a single day gives a meaningless answer).
        int lowest = prices[0];
        int best = Integer.MIN_VALUE;
        for (int i = 1; i < prices.length; i++) {
            best = Math.max(best, prices[i] - lowest);
            lowest = Math.min(lowest, prices[i]);
        }
        return best;
    }
}
