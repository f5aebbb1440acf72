class Solution {
    private int[] need = new int[26];
    private int[] have = new int[26];
    private int agree;

    public boolean checkInclusion(String s1, String s2) {
        int m = s1.length(), n = s2.length();
        if (m > n) {
            return false;
        }
        need = new int[26];
        have = new int[26];
        for (int i = 0; i < m; i++) {
            need[s1.charAt(i) - 'a']++;
            have[s2.charAt(i) - 'a']++;
        }
        agree = 0;
        for (int c = 0; c < 26; c++) {
            if (need[c] == have[c]) {
                agree++;
            }
        }
        if (agree == 26) {
            return true;
        }
        for (int right = m; right < n; right++) {
            move(s2.charAt(right) - 'a', 1);
            move(s2.charAt(right - m) - 'a', -1);
            if (agree == 26) {
                return true;
            }
        }
        return false;
    }

    private void move(int c, int d) {
        if (have[c] == need[c]) {
            agree--;
        }
        have[c] += d;
        if (have[c] == need[c]) {
            agree++;
        }
    }
}
