class Solution {
public:
    long long timeRequiredToBuy(vector<int>& tickets, int k) {
        // Wrong: the sum is kept in an int and overflows past 2^31 - 1.
        int total = 0;
        for (int i = 0; i < (int)tickets.size(); i++) {
            total += min(tickets[i], i <= k ? tickets[k] : tickets[k] - 1);
        }
        return total;
    }
};
