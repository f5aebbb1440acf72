class Solution {
    public String minWindow(String s, String t) {
        // Wrong: a tie replaces the best window, so the last of several
        // shortest windows is returned instead of the leftmost.
        int[] need = new int[128];
        for (int i = 0; i < t.length(); i++) {
            need[t.charAt(i)]++;
        }
        int missing = t.length();
        int left = 0;
        int bestLen = s.length() + 1, bestStart = 0;
        for (int right = 0; right < s.length(); right++) {
            char c = s.charAt(right);
            if (need[c] > 0) {
                missing--;
            }
            need[c]--;
            while (missing == 0) {
                if (right - left + 1 <= bestLen) {
                    bestLen = right - left + 1;
                    bestStart = left;
                }
                char d = s.charAt(left);
                need[d]++;
                if (need[d] > 0) {
                    missing++;
                }
                left++;
            }
        }
        return bestLen > s.length() ? "" : s.substring(bestStart, bestStart + bestLen);
    }
}
