class Solution {
public:
    bool isAnagram(string s, string t) {
        // Wrong: equal lengths and equal sums of character codes do not
        // make equal letter counts ("ad" and "bc").
        if (s.size() != t.size()) {
            return false;
        }
        long long a = 0, b = 0;
        for (char c : s) a += c;
        for (char c : t) b += c;
        return a == b;
    }
};
