class Solution:
    def checkInclusion(self, s1: str, s2: str) -> bool:
        # Brute force: count every window of length len(s1) from scratch.
        # O(n * m).
        m = len(s1)
        need = [0] * 26
        for c in s1:
            need[ord(c) - 97] += 1
        for start in range(len(s2) - m + 1):
            have = [0] * 26
            for c in s2[start:start + m]:
                have[ord(c) - 97] += 1
            if have == need:
                return True
        return False
