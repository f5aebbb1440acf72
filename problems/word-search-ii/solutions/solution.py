class Solution:
    def findWords(self, board: List[List[str]], words: List[str]) -> List[str]:
        # A trie of the words: a dict per node, '$' holds the word ending there.
        root = {}
        for word in words:
            node = root
            for ch in word:
                node = node.setdefault(ch, {})
            node['$'] = word
        rows, cols = len(board), len(board[0])
        found = []

        def dfs(r: int, c: int, parent: dict) -> None:
            ch = board[r][c]
            node = parent[ch]
            word = node.pop('$', None)
            if word is not None:
                found.append(word)  # popped, so it is reported once
            board[r][c] = '#'
            for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if 0 <= nr < rows and 0 <= nc < cols and board[nr][nc] in node:
                    dfs(nr, nc, node)
            board[r][c] = ch
            if not node:
                del parent[ch]  # nothing left to find below: prune the branch

        for r in range(rows):
            for c in range(cols):
                if board[r][c] in root:
                    dfs(r, c, root)
        return found
