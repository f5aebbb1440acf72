class Solution:
    def groupAnagrams(self, strs: List[str]) -> List[List[str]]:
        # Wrong: the set of letters forgets how often each occurs, so "aab"
        # and "abb" land in one group.
        groups = {}
        for word in strs:
            groups.setdefault(frozenset(word), []).append(word)
        return list(groups.values())
