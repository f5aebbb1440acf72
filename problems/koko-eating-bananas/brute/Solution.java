class Solution {
    public int minEatingSpeed(int[] piles, int h) {
        // Try every speed from 1 upwards: O(answer * n).
        for (int k = 1; ; k++) {
            long hours = 0;
            for (int p : piles) hours += (p + (long) k - 1) / k;
            if (hours <= h) return k;
        }
    }
}
