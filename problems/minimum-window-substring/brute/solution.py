class Solution:
    def minWindow(self, s: str, t: str) -> str:
        # Brute force: from every start, extend until the window covers t.
        # O(n^2) when windows are long.
        need = [0] * 128
        for c in t:
            need[ord(c)] += 1
        best = ""
        for i in range(len(s)):
            have = list(need)
            missing = len(t)
            for j in range(i, len(s)):
                c = ord(s[j])
                if have[c] > 0:
                    missing -= 1
                have[c] -= 1
                if missing == 0:
                    if best == "" or j - i + 1 < len(best):
                        best = s[i:j + 1]
                    break
        return best
