class Solution {
public:
    int coinChange(vector<int>& coins, int amount) {
        // Wrong: INT_MAX as "unreachable" overflows on + 1 and wraps to the
        // smallest int, which then looks like the best answer.
        vector<int> best(amount + 1, INT_MAX);
        best[0] = 0;
        for (int a = 1; a <= amount; a++) {
            for (int c : coins) {
                if (c <= a && best[a - c] + 1 < best[a]) {
                    best[a] = best[a - c] + 1;
                }
            }
        }
        return best[amount] == INT_MAX ? -1 : best[amount];
    }
};
