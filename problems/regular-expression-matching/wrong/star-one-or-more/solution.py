from functools import lru_cache


class Solution:
    def isMatch(self, s: str, p: str) -> bool:
        # Wrong: 'x*' must match at least one copy, so it can never vanish.
        @lru_cache(maxsize=None)
        def match(i: int, j: int) -> bool:
            if j == len(p):
                return i == len(s)
            first = i < len(s) and (p[j] == s[i] or p[j] == '.')
            if j + 1 < len(p) and p[j + 1] == '*':
                return first and (match(i + 1, j) or match(i + 1, j + 2))
            return first and match(i + 1, j + 1)

        return match(0, 0)
