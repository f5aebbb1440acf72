class Solution:
    def isAnagram(self, s: str, t: str) -> bool:
        if len(s) != len(t):
            return False
        count = [0] * 26
        for c in s:
            count[ord(c) - 97] += 1
        for c in t:
            count[ord(c) - 97] -= 1
        return all(x == 0 for x in count)
