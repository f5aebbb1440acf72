class Solution {
public:
    vector<int> maxSlidingWindow(vector<int>& nums, int k) {
        // Wrong: a multiset window, but the maximum starts at 0, so an
        // all-negative window reports 0.
        multiset<int> window;
        vector<int> out;
        for (int i = 0; i < (int)nums.size(); i++) {
            window.insert(nums[i]);
            if (i >= k) {
                window.erase(window.find(nums[i - k]));
            }
            if (i >= k - 1) {
                out.push_back(max(0, *window.rbegin()));
            }
        }
        return out;
    }
};
