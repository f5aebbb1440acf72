class Solution {
public:
    bool checkInclusion(string s1, string s2) {
        // Wrong: compares before each slide but never after the last one,
        // so the window ending at the last character is never checked.
        int m = s1.size(), n = s2.size();
        if (m > n) {
            return false;
        }
        vector<int> need(26, 0), have(26, 0);
        for (int i = 0; i < m; i++) {
            need[s1[i] - 'a']++;
            have[s2[i] - 'a']++;
        }
        for (int right = m; right < n; right++) {
            if (have == need) {
                return true;
            }
            have[s2[right] - 'a']++;
            have[s2[right - m] - 'a']--;
        }
        return false;
    }
};
