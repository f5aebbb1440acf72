class Solution {
    public int maxProfit(int[] prices) {
        // Brute force: try every buy day with every later sell day. O(n^2).
        int best = 0;
        for (int i = 0; i < prices.length; i++) {
            for (int j = i + 1; j < prices.length; j++) {
                if (prices[j] - prices[i] > best) {
                    best = prices[j] - prices[i];
                }
            }
        }
        return best;
    }
}
