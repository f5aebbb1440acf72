class Solution {
    struct TrieNode {
        TrieNode* next[26] = {};
        string word;
    };

public:
    vector<string> findWords(vector<vector<char>>& board, vector<string>& words) {
        TrieNode* root = new TrieNode();
        for (const string& w : words) {
            TrieNode* node = root;
            for (char ch : w) {
                if (!node->next[ch - 'a']) {
                    node->next[ch - 'a'] = new TrieNode();
                }
                node = node->next[ch - 'a'];
            }
            node->word = w;
        }
        vector<string> found;
        for (int r = 0; r < (int)board.size(); r++) {
            for (int c = 0; c < (int)board[0].size(); c++) {
                dfs(board, r, c, root, found);
            }
        }
        return found;
    }

private:
    void dfs(vector<vector<char>>& board, int r, int c, TrieNode* node, vector<string>& found) {
        if (r < 0 || r >= (int)board.size() || c < 0 || c >= (int)board[0].size()) {
            return;
        }
        char ch = board[r][c];
        if (ch == '#' || !node->next[ch - 'a']) {
            return;
        }
        node = node->next[ch - 'a'];
        if (!node->word.empty()) {
            found.push_back(node->word);
            node->word.clear();
            // Mistake: the path ends at the first word, so a longer word
            // continuing it ("apple" after "app") is never reached.
            return;
        }
        board[r][c] = '#';
        dfs(board, r + 1, c, node, found);
        dfs(board, r - 1, c, node, found);
        dfs(board, r, c + 1, node, found);
        dfs(board, r, c - 1, node, found);
        board[r][c] = ch;
    }
};
