class Solution {
public:
    int countPrimes(int n) {
        if (n < 3) {
            return 0;
        }
        vector<bool> composite(n, false);
        int count = 0;
        for (int i = 2; i < n; i++) {
            if (composite[i]) {
                continue;
            }
            count++;
            // i * i in 64 bits: for i above 46340 it overflows an int
            for (long long j = (long long)i * i; j < n; j += i) {
                composite[j] = true;
            }
        }
        return count;
    }
};
