class Solution {
public:
    long long timeRequiredToBuy(vector<int>& tickets, int k) {
        int t = tickets[k];
        long long total = 0;
        for (int i = 0; i < (int)tickets.size(); i++) {
            // People behind k miss k's last round.
            total += min(tickets[i], i <= k ? t : t - 1);
        }
        return total;
    }
};
