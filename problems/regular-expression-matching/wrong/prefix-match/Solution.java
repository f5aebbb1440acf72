class Solution {
    public boolean isMatch(String s, String p) {
        // Wrong: succeeds as soon as the pattern is used up, even if part of
        // s is left over.
        int m = s.length(), n = p.length();
        boolean[][] match = new boolean[m + 1][n + 1];
        for (int i = 0; i <= m; i++) {
            match[i][n] = true;
        }
        for (int i = m; i >= 0; i--) {
            for (int j = n - 1; j >= 0; j--) {
                boolean first = i < m && (p.charAt(j) == s.charAt(i) || p.charAt(j) == '.');
                if (j + 1 < n && p.charAt(j + 1) == '*') {
                    match[i][j] = match[i][j + 2] || (first && match[i + 1][j]);
                } else {
                    match[i][j] = first && match[i + 1][j + 1];
                }
            }
        }
        return match[0][0];
    }
}
