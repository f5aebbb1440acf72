class Solution {
public:
    bool canJump(vector<int>& nums) {
        // good[i]: the last index can be reached from i. Every jump is tried: O(n^2).
        int n = nums.size();
        vector<char> good(n, 0);
        good[n - 1] = 1;
        for (int i = n - 2; i >= 0; i--) {
            for (int j = 1; j <= nums[i] && i + j < n; j++) {
                if (good[i + j]) {
                    good[i] = 1;
                    break;
                }
            }
        }
        return good[0];
    }
};
