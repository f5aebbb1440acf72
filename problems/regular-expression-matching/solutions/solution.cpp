class Solution {
public:
    bool isMatch(string s, string p) {
        int m = s.size(), n = p.size();
        // match[i][j]: s[i:] is matched by p[j:]
        vector<vector<char>> match(m + 1, vector<char>(n + 1, 0));
        match[m][n] = 1;
        for (int i = m; i >= 0; i--) {
            for (int j = n - 1; j >= 0; j--) {
                bool first = i < m && (p[j] == s[i] || p[j] == '.');
                if (j + 1 < n && p[j + 1] == '*') {
                    match[i][j] = match[i][j + 2] || (first && match[i + 1][j]);
                } else {
                    match[i][j] = first && match[i + 1][j + 1];
                }
            }
        }
        return match[0][0];
    }
};
