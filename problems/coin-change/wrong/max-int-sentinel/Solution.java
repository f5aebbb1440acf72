class Solution {
    public int coinChange(int[] coins, int amount) {
        // Wrong: Integer.MAX_VALUE as "unreachable" overflows on + 1 and
        // wraps to the smallest int, which then looks like the best answer.
        int[] best = new int[amount + 1];
        Arrays.fill(best, Integer.MAX_VALUE);
        best[0] = 0;
        for (int a = 1; a <= amount; a++) {
            for (int c : coins) {
                if (c <= a && best[a - c] + 1 < best[a]) {
                    best[a] = best[a - c] + 1;
                }
            }
        }
        return best[amount] == Integer.MAX_VALUE ? -1 : best[amount];
    }
}
