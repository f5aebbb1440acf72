class Solution {
public:
    int lengthOfLongestSubstring(string s) {
        // Brute force: test every substring for repeats, O(n^3).
        int best = 0;
        for (size_t i = 0; i < s.size(); i++) {
            for (size_t j = i + 1; j <= s.size(); j++) {
                set<char> seen(s.begin() + i, s.begin() + j);
                if (seen.size() == j - i) {
                    best = max(best, (int)(j - i));
                }
            }
        }
        return best;
    }
};
