class Solution {
public:
    bool isMatch(string s, string p) {
        // Brute force: the recursion without memoisation; exponential on
        // many stars against a long run of one letter.
        return match(s, p, 0, 0);
    }

private:
    bool match(const string& s, const string& p, int i, int j) {
        if (j == (int)p.size()) {
            return i == (int)s.size();
        }
        bool first = i < (int)s.size() && (p[j] == s[i] || p[j] == '.');
        if (j + 1 < (int)p.size() && p[j + 1] == '*') {
            return match(s, p, i, j + 2) || (first && match(s, p, i + 1, j));
        }
        return first && match(s, p, i + 1, j + 1);
    }
};
