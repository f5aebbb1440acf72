class Solution {
    public int[] countBits(int n) {
        // Wrong: moves to the next power of two only once i passes it, so at
        // i == 2 * power it still subtracts the old power.
        int[] bits = new int[n + 1];
        int power = 1;
        for (int i = 1; i <= n; i++) {
            if (i > power * 2) {
                power *= 2;
            }
            bits[i] = bits[i - power] + 1;
        }
        return bits;
    }
}
