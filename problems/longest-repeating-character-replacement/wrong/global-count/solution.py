class Solution:
    def characterReplacement(self, s: str, k: int) -> int:
        # Wrong: counts letters over the whole string, ignoring where they are.
        most = max(s.count(c) for c in set(s))
        return min(len(s), most + k)
