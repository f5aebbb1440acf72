class Solution {
public:
    int coinChange(vector<int>& coins, int amount) {
        // Brute force: try every coin as the last one, recursively, without
        // remembering results. Exponential in amount.
        int answer = fewest(coins, amount);
        return answer == INT_MAX ? -1 : answer;
    }

private:
    int fewest(const vector<int>& coins, int rest) {
        if (rest == 0) {
            return 0;
        }
        int best = INT_MAX;
        for (int c : coins) {
            if (c <= rest) {
                int sub = fewest(coins, rest - c);
                if (sub != INT_MAX && sub + 1 < best) {
                    best = sub + 1;
                }
            }
        }
        return best;
    }
};
