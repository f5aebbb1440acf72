class Solution:
    def groupAnagrams(self, strs: List[str]) -> List[List[str]]:
        groups = {}
        for word in strs:
            # Anagrams share their sorted letters, so that is the group key.
            groups.setdefault(''.join(sorted(word)), []).append(word)
        return list(groups.values())
