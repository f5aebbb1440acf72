class Solution {
public:
    bool isAnagram(string s, string t) {
        // Brute force: cross out, for each letter of s, the first unused
        // equal letter of t. O(n^2).
        if (s.size() != t.size()) {
            return false;
        }
        vector<bool> used(t.size(), false);
        for (char c : s) {
            bool found = false;
            for (size_t j = 0; j < t.size(); j++) {
                if (!used[j] && t[j] == c) {
                    used[j] = true;
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }
};
