class Solution:
    def countPrimes(self, n: int) -> int:
        # Wrong: no guard for n < 2, so is_prime[1] (or is_prime[0]) is out
        # of range for n = 0 and n = 1.
        is_prime = [True] * n
        is_prime[0] = is_prime[1] = False
        i = 2
        while i * i < n:
            if is_prime[i]:
                for j in range(i * i, n, i):
                    is_prime[j] = False
            i += 1
        return sum(is_prime)
