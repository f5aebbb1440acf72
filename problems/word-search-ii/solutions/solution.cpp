class Solution {
    struct TrieNode {
        TrieNode* next[26] = {};
        int kids = 0;
        const string* word = nullptr; // the word ending here, null when none (or already found)
    };

public:
    vector<string> findWords(vector<vector<char>>& board, vector<string>& words) {
        // The nodes live in a deque, so pointers stay valid as it grows.
        deque<TrieNode> pool(1);
        TrieNode* root = &pool[0];
        for (const string& w : words) {
            TrieNode* node = root;
            for (char ch : w) {
                int k = ch - 'a';
                if (!node->next[k]) {
                    pool.emplace_back();
                    node->next[k] = &pool.back();
                    node->kids++;
                }
                node = node->next[k];
            }
            node->word = &w;
        }
        vector<string> found;
        for (int r = 0; r < (int)board.size(); r++) {
            for (int c = 0; c < (int)board[0].size(); c++) {
                if (root->next[board[r][c] - 'a']) {
                    dfs(board, r, c, root, found);
                }
            }
        }
        return found;
    }

private:
    void dfs(vector<vector<char>>& board, int r, int c, TrieNode* parent, vector<string>& found) {
        char ch = board[r][c];
        TrieNode* node = parent->next[ch - 'a'];
        if (node->word) {
            found.push_back(*node->word);
            node->word = nullptr; // report it once
        }
        board[r][c] = '#';
        static const int dr[4] = {1, -1, 0, 0}, dc[4] = {0, 0, 1, -1};
        for (int d = 0; d < 4; d++) {
            int nr = r + dr[d], nc = c + dc[d];
            if (nr < 0 || nr >= (int)board.size() || nc < 0 || nc >= (int)board[0].size() || board[nr][nc] == '#') {
                continue;
            }
            if (node->next[board[nr][nc] - 'a']) {
                dfs(board, nr, nc, node, found);
            }
        }
        board[r][c] = ch;
        if (node->kids == 0 && !node->word) {
            // Nothing left to find below: prune the branch.
            parent->next[ch - 'a'] = nullptr;
            parent->kids--;
        }
    }
};
