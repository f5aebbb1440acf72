class Solution {
public:
    int longestCommonSubsequence(string text1, string text2) {
        // Brute force: compare from the front recursively, without
        // remembering results. Exponential when few characters match.
        return lcs(text1, text2, 0, 0);
    }

private:
    int lcs(const string& a, const string& b, int i, int j) {
        if (i == (int)a.size() || j == (int)b.size()) {
            return 0;
        }
        if (a[i] == b[j]) {
            return 1 + lcs(a, b, i + 1, j + 1);
        }
        return max(lcs(a, b, i + 1, j), lcs(a, b, i, j + 1));
    }
};
