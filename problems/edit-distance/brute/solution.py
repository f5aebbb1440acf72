class Solution:
    def minDistance(self, word1: str, word2: str) -> int:
        # Brute force: try all three operations recursively, without
        # remembering results. Exponential in the lengths of the words.
        m, n = len(word1), len(word2)

        def dist(i: int, j: int) -> int:
            if i == m:
                return n - j
            if j == n:
                return m - i
            if word1[i] == word2[j]:
                return dist(i + 1, j + 1)
            return 1 + min(dist(i + 1, j), dist(i, j + 1), dist(i + 1, j + 1))

        return dist(0, 0)
