class Solution {
public:
    bool exist(vector<vector<char>>& board, string word) {
        // Brute force: walk every path of word.size() distinct cells and
        // compare the letters only when the path is complete.
        rows = board.size();
        cols = board[0].size();
        used.assign(rows, vector<bool>(cols, false));
        path.clear();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (walk(board, word, r, c)) {
                    return true;
                }
            }
        }
        return false;
    }

private:
    int rows = 0, cols = 0;
    vector<vector<bool>> used;
    string path;

    bool walk(vector<vector<char>>& board, const string& word, int r, int c) {
        if (r < 0 || r >= rows || c < 0 || c >= cols || used[r][c]) {
            return false;
        }
        used[r][c] = true;
        path.push_back(board[r][c]);
        bool found;
        if (path.size() == word.size()) {
            found = path == word;
        } else {
            found = walk(board, word, r + 1, c) || walk(board, word, r - 1, c) ||
                    walk(board, word, r, c + 1) || walk(board, word, r, c - 1);
        }
        path.pop_back();
        used[r][c] = false;
        return found;
    }
};
