class Solution:
    def countPrimes(self, n: int) -> int:
        # Brute force: trial division of every k < n by 2, 3, ... up to
        # sqrt(k). O(n sqrt n).
        count = 0
        for k in range(2, n):
            d = 2
            while d * d <= k:
                if k % d == 0:
                    break
                d += 1
            else:
                count += 1
        return count
