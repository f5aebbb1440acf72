class Solution {
public:
    string minWindow(string s, string t) {
        // Brute force: from every start, extend until the window covers t.
        // O(n^2) when windows are long.
        int need[128] = {0};
        for (char c : t) {
            need[(unsigned char)c]++;
        }
        int n = s.size();
        int bestLen = 0, bestStart = 0;
        for (int i = 0; i < n; i++) {
            int have[128];
            memcpy(have, need, sizeof(need));
            int missing = t.size();
            for (int j = i; j < n; j++) {
                unsigned char c = s[j];
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
        return s.substr(bestStart, bestLen);
    }
};
