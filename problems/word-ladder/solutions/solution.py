from collections import defaultdict


class Solution:
    def ladderLength(self, beginWord: str, endWord: str, wordList: List[str]) -> int:
        if endWord not in wordList:
            return 0
        L = len(beginWord)
        buckets = defaultdict(list)
        for word in wordList:
            for i in range(L):
                buckets[word[:i] + '*' + word[i + 1:]].append(word)
        seen = {beginWord}
        level = [beginWord]
        length = 1
        while level:
            length += 1
            nxt = []
            for word in level:
                for i in range(L):
                    key = word[:i] + '*' + word[i + 1:]
                    for other in buckets.pop(key, ()):
                        if other == endWord:
                            return length
                        if other not in seen:
                            seen.add(other)
                            nxt.append(other)
            level = nxt
        return 0
