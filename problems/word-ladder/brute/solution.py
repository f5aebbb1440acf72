class Solution:
    def ladderLength(self, beginWord: str, endWord: str, wordList: List[str]) -> int:
        # Brute force: BFS that finds a word's neighbours by comparing it with
        # every word not yet reached.
        def adjacent(a: str, b: str) -> bool:
            return sum(x != y for x, y in zip(a, b)) == 1

        if endWord not in wordList:
            return 0
        rest = [w for w in wordList if w != beginWord]
        level = [beginWord]
        length = 1
        while level:
            length += 1
            nxt = []
            for word in level:
                keep = []
                for other in rest:
                    if adjacent(word, other):
                        if other == endWord:
                            return length
                        nxt.append(other)
                    else:
                        keep.append(other)
                rest = keep
            level = nxt
        return 0
