class Solution {
public:
    int maxProfit(vector<int>& prices) {
        // Brute force: try every buy day with every later sell day. O(n^2).
        int best = 0;
        int n = prices.size();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (prices[j] - prices[i] > best) {
                    best = prices[j] - prices[i];
                }
            }
        }
        return best;
    }
};
