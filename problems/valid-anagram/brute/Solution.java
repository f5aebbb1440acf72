class Solution {
    public boolean isAnagram(String s, String t) {
        // Brute force: cross out, for each letter of s, the first unused
        // equal letter of t. O(n^2).
        if (s.length() != t.length()) {
            return false;
        }
        boolean[] used = new boolean[t.length()];
        for (int i = 0; i < s.length(); i++) {
            boolean found = false;
            for (int j = 0; j < t.length(); j++) {
                if (!used[j] && t.charAt(j) == s.charAt(i)) {
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
}
