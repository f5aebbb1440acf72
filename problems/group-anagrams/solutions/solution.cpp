class Solution {
public:
    vector<vector<string>> groupAnagrams(vector<string>& strs) {
        unordered_map<string, int> index; // sorted letters -> group number
        vector<vector<string>> groups;
        for (const string& word : strs) {
            // Anagrams share their sorted letters, so that is the group key.
            string key = word;
            sort(key.begin(), key.end());
            auto it = index.find(key);
            if (it == index.end()) {
                index.emplace(key, (int) groups.size());
                groups.push_back({word});
            } else {
                groups[it->second].push_back(word);
            }
        }
        return groups;
    }
};
