class Solution {
    public int countPrimes(int n) {
        // Wrong: the outer loop runs i up to n and i * i is computed in 32
        // bits; for the prime 46349 it wraps to a negative index.
        if (n < 3) {
            return 0;
        }
        boolean[] composite = new boolean[n];
        int count = 0;
        for (int i = 2; i < n; i++) {
            if (composite[i]) {
                continue;
            }
            count++;
            for (int j = i * i; j < n; j += i) {
                composite[j] = true;
            }
        }
        return count;
    }
}
