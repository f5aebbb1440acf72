class Solution {
    public int countPrimes(int n) {
        // Wrong: the outer loop stops before floor(sqrt(n)), so a prime p
        // with p * p < n (25 for n = 26) never strikes out its square.
        if (n < 3) {
            return 0;
        }
        boolean[] composite = new boolean[n];
        int limit = (int) Math.sqrt(n);
        for (int i = 2; i < limit; i++) {
            if (!composite[i]) {
                for (int j = i * i; j < n; j += i) {
                    composite[j] = true;
                }
            }
        }
        int count = 0;
        for (int k = 2; k < n; k++) {
            if (!composite[k]) {
                count++;
            }
        }
        return count;
    }
}
