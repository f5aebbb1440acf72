class Solution {
public:
    vector<string> findWords(vector<vector<char>>& board, vector<string>& words) {
        // Brute force: Word Search's backtracking, run for every word on its own.
        vector<string> found;
        for (const string& w : words) {
            if (exist(board, w)) {
                found.push_back(w);
            }
        }
        return found;
    }

private:
    bool exist(vector<vector<char>>& board, const string& word) {
        int rows = board.size(), cols = board[0].size();
        if ((int)word.size() > rows * cols) {
            return false;
        }
        int count[256] = {0};
        for (auto& row : board) {
            for (char ch : row) {
                count[(unsigned char)ch]++;
            }
        }
        for (char ch : word) {
            if (--count[(unsigned char)ch] < 0) {
                return false;
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (dfs(board, word, r, c, 0)) {
                    return true;
                }
            }
        }
        return false;
    }

    bool dfs(vector<vector<char>>& board, const string& word, int r, int c, int i) {
        if (r < 0 || r >= (int)board.size() || c < 0 || c >= (int)board[0].size() || board[r][c] != word[i]) {
            return false;
        }
        if (i == (int)word.size() - 1) {
            return true;
        }
        board[r][c] = '#';
        bool found = dfs(board, word, r + 1, c, i + 1) || dfs(board, word, r - 1, c, i + 1) ||
                     dfs(board, word, r, c + 1, i + 1) || dfs(board, word, r, c - 1, i + 1);
        board[r][c] = word[i];
        return found;
    }
};
