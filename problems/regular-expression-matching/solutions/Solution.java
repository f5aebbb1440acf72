class Solution {
    public boolean isMatch(String s, String p) {
        int m = s.length(), n = p.length();
        boolean[][] match = new boolean[m + 1][n + 1]; // match[i][j]: s[i:] is matched by p[j:]
        match[m][n] = true;
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
