class Solution:
    def isValid(self, s: str) -> bool:
        # Brute force: repeatedly find an adjacent matching pair and delete it.
        # Each deletion rescans from the start, so this is O(n^2).
        chars = list(s)
        pairs = {'()', '[]', '{}'}
        changed = True
        while changed and chars:
            changed = False
            for i in range(len(chars) - 1):
                if chars[i] + chars[i + 1] in pairs:
                    del chars[i:i + 2]
                    changed = True
                    break
        return not chars
