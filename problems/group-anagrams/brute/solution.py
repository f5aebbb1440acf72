from collections import Counter

class Solution:
    def groupAnagrams(self, strs: List[str]) -> List[List[str]]:
        # Brute force: compare each word with the first word of every group
        # found so far. O(n * groups * k), quadratic when groups are many.
        groups = []
        for word in strs:
            for group in groups:
                if len(group[0]) == len(word) and Counter(group[0]) == Counter(word):
                    group.append(word)
                    break
            else:
                groups.append([word])
        return groups
