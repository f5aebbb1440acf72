class Solution {
public:
    int ladderLength(string beginWord, string endWord, vector<string>& wordList) {
        // Brute force: BFS that finds a word's neighbours by comparing it with
        // every word not yet reached.
        if (find(wordList.begin(), wordList.end(), endWord) == wordList.end()) {
            return 0;
        }
        vector<string> rest;
        for (auto& w : wordList) {
            if (w != beginWord) {
                rest.push_back(w);
            }
        }
        vector<string> level = {beginWord};
        for (int length = 2; !level.empty(); length++) {
            vector<string> next;
            for (const string& word : level) {
                vector<string> keep;
                for (const string& other : rest) {
                    if (adjacent(word, other)) {
                        if (other == endWord) {
                            return length;
                        }
                        next.push_back(other);
                    } else {
                        keep.push_back(other);
                    }
                }
                rest = move(keep);
            }
            level = move(next);
        }
        return 0;
    }

private:
    static bool adjacent(const string& a, const string& b) {
        int diff = 0;
        for (size_t i = 0; i < a.size(); i++) {
            if (a[i] != b[i] && ++diff > 1) {
                return false;
            }
        }
        return diff == 1;
    }
};
