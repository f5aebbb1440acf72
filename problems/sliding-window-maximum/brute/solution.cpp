class Solution {
public:
    vector<int> maxSlidingWindow(vector<int>& nums, int k) {
        // Brute force: the maximum of every window from scratch. O(n * k).
        int n = nums.size();
        vector<int> out;
        for (int start = 0; start + k <= n; start++) {
            int best = nums[start];
            for (int j = start + 1; j < start + k; j++) {
                if (nums[j] > best) {
                    best = nums[j];
                }
            }
            out.push_back(best);
        }
        return out;
    }
};
