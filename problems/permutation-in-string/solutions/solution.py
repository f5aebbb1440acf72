class Solution:
    def checkInclusion(self, s1: str, s2: str) -> bool:
        m, n = len(s1), len(s2)
        if m > n:
            return False
        need = [0] * 26
        have = [0] * 26
        for c in s1:
            need[ord(c) - 97] += 1
        for c in s2[:m]:
            have[ord(c) - 97] += 1
        agree = sum(1 for i in range(26) if need[i] == have[i])
        if agree == 26:
            return True
        for right in range(m, n):
            # The letter at right enters, the one at right - m leaves.
            for c, d in ((ord(s2[right]) - 97, 1), (ord(s2[right - m]) - 97, -1)):
                if have[c] == need[c]:
                    agree -= 1
                have[c] += d
                if have[c] == need[c]:
                    agree += 1
            if agree == 26:
                return True
        return False
