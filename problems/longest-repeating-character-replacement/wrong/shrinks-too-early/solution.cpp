class Solution {
public:
    int characterReplacement(string s, int k) {
        // Wrong: shrinks as soon as the changes reach k, so the last
        // allowed change is never used.
        int count[26] = {0};
        int left = 0, top = 0, best = 0;
        for (int right = 0; right < (int)s.size(); right++) {
            int c = s[right] - 'A';
            count[c]++;
            top = max(top, count[c]);
            if (right - left + 1 - top >= k && right - left + 1 - top > 0) {
                count[s[left] - 'A']--;
                left++;
            }
            best = max(best, right - left + 1);
        }
        return best;
    }
};
