class Solution:
    def minDistance(self, word1: str, word2: str) -> int:
        # Wrong: the borders stay 0, as if turning a prefix into the empty
        # word (or back) were free.
        m, n = len(word1), len(word2)
        dist = [[0] * (n + 1) for _ in range(m + 1)]
        for i in range(1, m + 1):
            for j in range(1, n + 1):
                if word1[i - 1] == word2[j - 1]:
                    dist[i][j] = dist[i - 1][j - 1]
                else:
                    dist[i][j] = 1 + min(dist[i - 1][j], dist[i][j - 1], dist[i - 1][j - 1])
        return dist[m][n]
