class Solution:
    def characterReplacement(self, s: str, k: int) -> int:
        # Brute force: from every start, extend while the stretch stays
        # fixable. O(n^2) when stretches are long.
        n = len(s)
        best = 0
        for i in range(n):
            count = [0] * 26
            top = 0
            for j in range(i, n):
                c = ord(s[j]) - 65
                count[c] += 1
                top = max(top, count[c])
                if j - i + 1 - top > k:
                    break
                best = max(best, j - i + 1)
        return best
