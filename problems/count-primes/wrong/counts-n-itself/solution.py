class Solution:
    def countPrimes(self, n: int) -> int:
        # Wrong: sieves 0..n inclusive, so n itself is counted when it is prime.
        if n < 2:
            return 0
        is_prime = [True] * (n + 1)
        is_prime[0] = is_prime[1] = False
        i = 2
        while i * i <= n:
            if is_prime[i]:
                for j in range(i * i, n + 1, i):
                    is_prime[j] = False
            i += 1
        return sum(is_prime)
