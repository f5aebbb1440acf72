class Solution {
public:
    int lengthOfLongestSubstring(string s) {
        vector<int> last(256, -1); // byte -> index last seen
        int left = 0;
        int best = 0;
        for (int right = 0; right < (int) s.size(); right++) {
            unsigned char c = s[right];
            // A repeat inside the window: restart just after its earlier copy.
            if (last[c] >= left) {
                left = last[c] + 1;
            }
            last[c] = right;
            best = max(best, right - left + 1);
        }
        return best;
    }
};
