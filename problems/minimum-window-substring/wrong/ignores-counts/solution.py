class Solution:
    def minWindow(self, s: str, t: str) -> str:
        # Wrong: only asks that each distinct letter of t be present once.
        letters = set(t)
        count = {}
        covered = 0
        left = 0
        best = ""
        for right, c in enumerate(s):
            if c in letters:
                count[c] = count.get(c, 0) + 1
                if count[c] == 1:
                    covered += 1
            while covered == len(letters):
                if best == "" or right - left + 1 < len(best):
                    best = s[left:right + 1]
                d = s[left]
                if d in letters:
                    count[d] -= 1
                    if count[d] == 0:
                        covered -= 1
                left += 1
        return best
