class Solution:
    def isAnagram(self, s: str, t: str) -> bool:
        # Brute force: cross out, for each letter of s, the first unused
        # equal letter of t. O(n^2).
        if len(s) != len(t):
            return False
        used = [False] * len(t)
        for c in s:
            for j in range(len(t)):
                if not used[j] and t[j] == c:
                    used[j] = True
                    break
            else:
                return False
        return True
