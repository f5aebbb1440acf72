class Solution {
    private char[][] board;
    private String word;

    public String[] findWords(char[][] board, String[] words) {
        // Brute force: Word Search's backtracking, run for every word on its own.
        this.board = board;
        List<String> found = new ArrayList<>();
        for (String w : words) {
            if (exist(w)) {
                found.add(w);
            }
        }
        return found.toArray(new String[0]);
    }

    private boolean exist(String w) {
        word = w;
        int rows = board.length, cols = board[0].length;
        if (word.length() > rows * cols) {
            return false;
        }
        int[] count = new int[128];
        for (char[] row : board) {
            for (char ch : row) {
                count[ch]++;
            }
        }
        for (int i = 0; i < word.length(); i++) {
            if (--count[word.charAt(i)] < 0) {
                return false;
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (dfs(r, c, 0)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean dfs(int r, int c, int i) {
        if (r < 0 || r >= board.length || c < 0 || c >= board[0].length || board[r][c] != word.charAt(i)) {
            return false;
        }
        if (i == word.length() - 1) {
            return true;
        }
        board[r][c] = '#';
        boolean found = dfs(r + 1, c, i + 1) || dfs(r - 1, c, i + 1) || dfs(r, c + 1, i + 1) || dfs(r, c - 1, i + 1);
        board[r][c] = word.charAt(i);
        return found;
    }
}
