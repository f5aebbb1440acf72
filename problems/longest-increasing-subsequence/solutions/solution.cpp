class Solution {
public:
    int lengthOfLIS(vector<int>& nums) {
        vector<int> tails; // tails[L]: smallest value ending an increasing run of length L + 1
        for (int v : nums) {
            auto it = lower_bound(tails.begin(), tails.end(), v); // first entry >= v keeps it strict
            if (it == tails.end()) {
                tails.push_back(v);
            } else {
                *it = v;
            }
        }
        return tails.size();
    }
};
