class Solution {
public:
    string minWindow(string s, string t) {
        // Wrong: moves the left edge at most one step per new character, so
        // the windows it records are not the shortest ones.
        int need[128] = {0};
        for (char c : t) {
            need[(unsigned char)c]++;
        }
        int missing = t.size();
        int n = s.size();
        int left = 0;
        int bestLen = n + 1, bestStart = 0;
        for (int right = 0; right < n; right++) {
            unsigned char c = s[right];
            if (need[c] > 0) {
                missing--;
            }
            need[c]--;
            if (missing == 0) {
                if (right - left + 1 < bestLen) {
                    bestLen = right - left + 1;
                    bestStart = left;
                }
                unsigned char d = s[left];
                need[d]++;
                if (need[d] > 0) {
                    missing++;
                }
                left++;
            }
        }
        return bestLen > n ? "" : s.substr(bestStart, bestLen);
    }
};
