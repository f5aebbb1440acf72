class Solution:
    def groupAnagrams(self, strs: List[str]) -> List[List[str]]:
        # Brute force: compare each word with the first word of every group
        # found so far. O(n * groups * k log k), quadratic when groups are many.
        groups = []
        for word in strs:
            for group in groups:
                if sorted(group[0]) == sorted(word):
                    group.append(word)
                    break
            else:
                groups.append([word])
        return groups
