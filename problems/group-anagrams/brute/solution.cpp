class Solution {
public:
    vector<vector<string>> groupAnagrams(vector<string>& strs) {
        // Brute force: compare each word with the first word of every group
        // found so far. O(n * groups * k), quadratic when groups are many.
        vector<vector<string>> groups;
        for (const string& word : strs) {
            bool placed = false;
            for (auto& group : groups) {
                if (isAnagram(group[0], word)) {
                    group.push_back(word);
                    placed = true;
                    break;
                }
            }
            if (!placed) {
                groups.push_back({word});
            }
        }
        return groups;
    }

private:
    bool isAnagram(const string& a, const string& b) {
        if (a.size() != b.size()) {
            return false;
        }
        int count[26] = {0};
        for (size_t i = 0; i < a.size(); i++) {
            count[a[i] - 'a']++;
            count[b[i] - 'a']--;
        }
        for (int c : count) {
            if (c != 0) {
                return false;
            }
        }
        return true;
    }
};
