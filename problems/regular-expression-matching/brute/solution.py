class Solution:
    def isMatch(self, s: str, p: str) -> bool:
        # Brute force: the recursion without memoisation; exponential on many
        # stars against a long run of one letter.
        def match(i: int, j: int) -> bool:
            if j == len(p):
                return i == len(s)
            first = i < len(s) and (p[j] == s[i] or p[j] == '.')
            if j + 1 < len(p) and p[j + 1] == '*':
                return match(i, j + 2) or (first and match(i + 1, j))
            return first and match(i + 1, j + 1)

        return match(0, 0)
