class Solution:
    def isValid(self, s: str) -> bool:
        # Wrong: balanced counts of each kind say nothing about the order,
        # so "([)]" and ")(" pass.
        return all(s.count(o) == s.count(c) for o, c in ("()", "[]", "{}"))
