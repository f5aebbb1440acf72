class Solution:
    def countPrimes(self, n: int) -> int:
        if n < 3:
            return 0
        is_prime = bytearray([1]) * n
        is_prime[0] = is_prime[1] = 0
        i = 2
        while i * i < n:
            if is_prime[i]:
                # cross out i*i, i*i + i, ... below n in one slice assignment
                is_prime[i * i::i] = bytes(len(range(i * i, n, i)))
            i += 1
        return sum(is_prime)
