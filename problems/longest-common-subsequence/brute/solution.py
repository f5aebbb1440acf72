class Solution:
    def longestCommonSubsequence(self, text1: str, text2: str) -> int:
        # Brute force: compare from the front recursively, without
        # remembering results. Exponential when few characters match.
        def lcs(i: int, j: int) -> int:
            if i == len(text1) or j == len(text2):
                return 0
            if text1[i] == text2[j]:
                return 1 + lcs(i + 1, j + 1)
            return max(lcs(i + 1, j), lcs(i, j + 1))

        return lcs(0, 0)
