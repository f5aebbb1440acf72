class Solution {
    public String minWindow(String s, String t) {
        // Brute force: from every start, extend until the window covers t.
        // O(n^2) when windows are long.
        int[] need = new int[128];
        for (int i = 0; i < t.length(); i++) {
            need[t.charAt(i)]++;
        }
        int bestLen = 0, bestStart = 0;
        for (int i = 0; i < s.length(); i++) {
            int[] have = need.clone();
            int missing = t.length();
            for (int j = i; j < s.length(); j++) {
                char c = s.charAt(j);
                if (have[c] > 0) {
                    missing--;
                }
                have[c]--;
                if (missing == 0) {
                    if (bestLen == 0 || j - i + 1 < bestLen) {
                        bestLen = j - i + 1;
                        bestStart = i;
                    }
                    break;
                }
            }
        }
        return s.substring(bestStart, bestStart + bestLen);
    }
}
