class Solution {
    public long timeRequiredToBuy(int[] tickets, int k) {
        int t = tickets[k];
        long total = 0;
        for (int i = 0; i < tickets.length; i++) {
            // People behind k miss k's last round.
            total += Math.min(tickets[i], i <= k ? t : t - 1);
        }
        return total;
    }
}
