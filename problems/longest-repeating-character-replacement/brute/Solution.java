class Solution {
    public int characterReplacement(String s, int k) {
        // Brute force: from every start, extend while the stretch stays
        // fixable. O(n^2) when stretches are long.
        int n = s.length();
        int best = 0;
        for (int i = 0; i < n; i++) {
            int[] count = new int[26];
            int top = 0;
            for (int j = i; j < n; j++) {
                int c = s.charAt(j) - 'A';
                count[c]++;
                top = Math.max(top, count[c]);
                if (j - i + 1 - top > k) {
                    break;
                }
                best = Math.max(best, j - i + 1);
            }
        }
        return best;
    }
}
