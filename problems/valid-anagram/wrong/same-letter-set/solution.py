class Solution:
    def isAnagram(self, s: str, t: str) -> bool:
        # Wrong: compares which letters occur, not how often.
        return set(s) == set(t)
