class Solution {
public:
    int characterReplacement(string s, int k) {
        int count[26] = {0};
        int left = 0;
        int top = 0; // the largest letter count any window has reached
        int best = 0;
        for (int right = 0; right < (int)s.size(); right++) {
            int c = s[right] - 'A';
            count[c]++;
            top = max(top, count[c]);
            if (right - left + 1 - top > k) {
                count[s[left] - 'A']--;
                left++;
            }
            best = max(best, right - left + 1);
        }
        return best;
    }
};
