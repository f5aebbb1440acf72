class Solution {
    public int lengthOfLongestSubstring(String s) {
        // Brute force: test every substring for repeats, O(n^3).
        int best = 0;
        for (int i = 0; i < s.length(); i++) {
            for (int j = i + 1; j <= s.length(); j++) {
                Set<Character> seen = new HashSet<>();
                for (int k = i; k < j; k++) {
                    seen.add(s.charAt(k));
                }
                if (seen.size() == j - i) {
                    best = Math.max(best, j - i);
                }
            }
        }
        return best;
    }
}
