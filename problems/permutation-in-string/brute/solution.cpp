class Solution {
public:
    bool checkInclusion(string s1, string s2) {
        // Brute force: count every window of length s1.size() from scratch.
        // O(n * m).
        int m = s1.size(), n = s2.size();
        vector<int> need(26, 0);
        for (char c : s1) {
            need[c - 'a']++;
        }
        for (int start = 0; start + m <= n; start++) {
            vector<int> have(26, 0);
            for (int i = start; i < start + m; i++) {
                have[s2[i] - 'a']++;
            }
            if (have == need) {
                return true;
            }
        }
        return false;
    }
};
