class Solution {
public:
    int characterReplacement(string s, int k) {
        // Brute force: from every start, extend while the stretch stays
        // fixable. O(n^2) when stretches are long.
        int n = s.size();
        int best = 0;
        for (int i = 0; i < n; i++) {
            int count[26] = {0};
            int top = 0;
            for (int j = i; j < n; j++) {
                int c = s[j] - 'A';
                count[c]++;
                top = max(top, count[c]);
                if (j - i + 1 - top > k) {
                    break;
                }
                best = max(best, j - i + 1);
            }
        }
        return best;
    }
};
