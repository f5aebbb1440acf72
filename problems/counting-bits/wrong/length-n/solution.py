class Solution:
    def countBits(self, n: int) -> List[int]:
        # Wrong: covers 0..n-1 and leaves out n itself.
        bits = [0] * n
        for i in range(1, n):
            bits[i] = bits[i >> 1] + (i & 1)
        return bits
