class Solution {
    public boolean checkInclusion(String s1, String s2) {
        // Brute force: count every window of length s1.length() from
        // scratch. O(n * m).
        int m = s1.length();
        int[] need = new int[26];
        for (int i = 0; i < m; i++) {
            need[s1.charAt(i) - 'a']++;
        }
        for (int start = 0; start + m <= s2.length(); start++) {
            int[] have = new int[26];
            for (int i = start; i < start + m; i++) {
                have[s2.charAt(i) - 'a']++;
            }
            if (Arrays.equals(have, need)) {
                return true;
            }
        }
        return false;
    }
}
