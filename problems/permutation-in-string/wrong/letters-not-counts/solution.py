class Solution:
    def checkInclusion(self, s1: str, s2: str) -> bool:
        # Wrong: compares which letters occur, not how many times.
        m = len(s1)
        want = set(s1)
        for start in range(len(s2) - m + 1):
            if set(s2[start:start + m]) == want:
                return True
        return False
