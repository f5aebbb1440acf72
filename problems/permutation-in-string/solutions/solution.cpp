class Solution {
public:
    bool checkInclusion(string s1, string s2) {
        int m = s1.size(), n = s2.size();
        if (m > n) {
            return false;
        }
        int need[26] = {0}, have[26] = {0};
        for (int i = 0; i < m; i++) {
            need[s1[i] - 'a']++;
            have[s2[i] - 'a']++;
        }
        int agree = 0;
        for (int c = 0; c < 26; c++) {
            if (need[c] == have[c]) {
                agree++;
            }
        }
        auto move = [&](int c, int d) {
            if (have[c] == need[c]) agree--;
            have[c] += d;
            if (have[c] == need[c]) agree++;
        };
        if (agree == 26) {
            return true;
        }
        for (int right = m; right < n; right++) {
            move(s2[right] - 'a', 1);
            move(s2[right - m] - 'a', -1);
            if (agree == 26) {
                return true;
            }
        }
        return false;
    }
};
