class Solution {
    private static final int NONE = Integer.MAX_VALUE;

    public int coinChange(int[] coins, int amount) {
        // Brute force: try every coin as the last one, recursively, without
        // remembering results. Exponential in amount.
        int answer = fewest(coins, amount);
        return answer == NONE ? -1 : answer;
    }

    private int fewest(int[] coins, int rest) {
        if (rest == 0) {
            return 0;
        }
        int best = NONE;
        for (int c : coins) {
            if (c <= rest) {
                int sub = fewest(coins, rest - c);
                if (sub != NONE && sub + 1 < best) {
                    best = sub + 1;
                }
            }
        }
        return best;
    }
}
