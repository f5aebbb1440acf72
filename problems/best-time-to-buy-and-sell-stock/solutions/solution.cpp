class Solution {
public:
    int maxProfit(vector<int>& prices) {
        int lowest = prices[0];
        int best = 0;
        for (int p : prices) {
            if (p < lowest) {
                lowest = p;
            } else if (p - lowest > best) {
                best = p - lowest;
            }
        }
        return best;
    }
};
