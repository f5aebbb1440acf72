class Solution:
    def findWords(self, board: List[List[str]], words: List[str]) -> List[str]:
        root = {}
        for word in words:
            node = root
            for ch in word:
                node = node.setdefault(ch, {})
            node['$'] = word
        rows, cols = len(board), len(board[0])
        found = []

        def dfs(r: int, c: int, node: dict) -> None:
            ch = board[r][c]
            node = node[ch]
            if '$' in node:
                # Mistake: the word stays in the trie, so every other path or
                # start cell that spells it reports it again.
                found.append(node['$'])
            board[r][c] = '#'
            for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if 0 <= nr < rows and 0 <= nc < cols and board[nr][nc] in node:
                    dfs(nr, nc, node)
            board[r][c] = ch

        for r in range(rows):
            for c in range(cols):
                if board[r][c] in root:
                    dfs(r, c, root)
        return found
