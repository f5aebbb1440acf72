class Solution {
    private char[][] board;
    private String word;
    private boolean[][] used;
    private StringBuilder path = new StringBuilder();

    public boolean exist(char[][] board, String word) {
        // Brute force: walk every path of word.length() distinct cells and
        // compare the letters only when the path is complete.
        this.board = board;
        this.word = word;
        used = new boolean[board.length][board[0].length];
        for (int r = 0; r < board.length; r++) {
            for (int c = 0; c < board[0].length; c++) {
                if (walk(r, c)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean walk(int r, int c) {
        if (r < 0 || r >= board.length || c < 0 || c >= board[0].length || used[r][c]) {
            return false;
        }
        used[r][c] = true;
        path.append(board[r][c]);
        boolean found;
        if (path.length() == word.length()) {
            found = path.toString().equals(word);
        } else {
            found = walk(r + 1, c) || walk(r - 1, c) || walk(r, c + 1) || walk(r, c - 1);
        }
        path.setLength(path.length() - 1);
        used[r][c] = false;
        return found;
    }
}
