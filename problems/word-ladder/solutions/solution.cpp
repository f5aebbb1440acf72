class Solution {
public:
    int ladderLength(string beginWord, string endWord, vector<string>& wordList) {
        if (find(wordList.begin(), wordList.end(), endWord) == wordList.end()) {
            return 0;
        }
        int len = beginWord.size();
        unordered_map<string, vector<int>> buckets;
        buckets.reserve(wordList.size() * len * 2);
        for (int w = 0; w < (int)wordList.size(); w++) {
            for (int i = 0; i < len; i++) {
                string key = wordList[w];
                key[i] = '*';
                buckets[key].push_back(w);
            }
        }
        unordered_set<string> seen = {beginWord};
        vector<string> level = {beginWord};
        for (int length = 2; !level.empty(); length++) {
            vector<string> next;
            for (const string& word : level) {
                for (int i = 0; i < len; i++) {
                    string key = word;
                    key[i] = '*';
                    auto it = buckets.find(key);
                    if (it == buckets.end()) {
                        continue;
                    }
                    for (int w : it->second) {
                        const string& other = wordList[w];
                        if (other == endWord) {
                            return length;
                        }
                        if (seen.insert(other).second) {
                            next.push_back(other);
                        }
                    }
                    buckets.erase(it);
                }
            }
            level = move(next);
        }
        return 0;
    }
};
