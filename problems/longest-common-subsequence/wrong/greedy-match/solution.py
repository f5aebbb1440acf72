class Solution:
    def longestCommonSubsequence(self, text1: str, text2: str) -> int:
        # Wrong: matches each character of text1 with its next occurrence in
        # text2; an early match can block a longer common subsequence.
        j = 0
        count = 0
        for a in text1:
            k = text2.find(a, j)
            if k >= 0:
                count += 1
                j = k + 1
        return count
