from collections import deque


class Solution:
    def ladderLength(self, beginWord: str, endWord: str, wordList: List[str]) -> int:
        words = set(wordList)
        queue = deque([(beginWord, 1)])
        seen = {beginWord}
        while queue:
            word, length = queue.popleft()
            for i in range(len(word)):
                for ch in 'abcdefghijklmnopqrstuvwxyz':
                    nxt = word[:i] + ch + word[i + 1:]
                    # Mistake: endWord is accepted even when it is not in wordList.
                    if nxt == endWord:
                        return length + 1
                    if nxt in words and nxt not in seen:
                        seen.add(nxt)
                        queue.append((nxt, length + 1))
        return 0
