class Solution {
    private static class TrieNode {
        TrieNode[] next = new TrieNode[26];
        int kids;
        String word; // the word ending here, null when none (or already found)
    }

    private char[][] board;
    private List<String> found;

    public String[] findWords(char[][] board, String[] words) {
        TrieNode root = new TrieNode();
        for (String w : words) {
            TrieNode node = root;
            for (int i = 0; i < w.length(); i++) {
                int k = w.charAt(i) - 'a';
                if (node.next[k] == null) {
                    node.next[k] = new TrieNode();
                    node.kids++;
                }
                node = node.next[k];
            }
            node.word = w;
        }
        this.board = board;
        found = new ArrayList<>();
        for (int r = 0; r < board.length; r++) {
            for (int c = 0; c < board[0].length; c++) {
                if (root.next[board[r][c] - 'a'] != null) {
                    dfs(r, c, root);
                }
            }
        }
        return found.toArray(new String[0]);
    }

    private void dfs(int r, int c, TrieNode parent) {
        char ch = board[r][c];
        TrieNode node = parent.next[ch - 'a'];
        if (node.word != null) {
            found.add(node.word);
            node.word = null; // report it once
        }
        board[r][c] = '#';
        int[][] dirs = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        for (int[] d : dirs) {
            int nr = r + d[0], nc = c + d[1];
            if (nr < 0 || nr >= board.length || nc < 0 || nc >= board[0].length || board[nr][nc] == '#') {
                continue;
            }
            if (node.next[board[nr][nc] - 'a'] != null) {
                dfs(nr, nc, node);
            }
        }
        board[r][c] = ch;
        if (node.kids == 0 && node.word == null) {
            // Nothing left to find below: prune the branch.
            parent.next[ch - 'a'] = null;
            parent.kids--;
        }
    }
}
