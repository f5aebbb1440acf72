class Solution:
    def isMatch(self, s: str, p: str) -> bool:
        m, n = len(s), len(p)
        # match[i][j]: s[i:] is matched by p[j:]
        match = [[False] * (n + 1) for _ in range(m + 1)]
        match[m][n] = True
        for i in range(m, -1, -1):
            for j in range(n - 1, -1, -1):
                first = i < m and (p[j] == s[i] or p[j] == '.')
                if j + 1 < n and p[j + 1] == '*':
                    match[i][j] = match[i][j + 2] or (first and match[i + 1][j])
                else:
                    match[i][j] = first and match[i + 1][j + 1]
        return match[0][0]
