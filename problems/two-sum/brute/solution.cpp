class Solution {
public:
    vector<int> twoSum(vector<int>& nums, int target) {
        // Every pair: O(n^2).
        for (int i = 0; i < (int)nums.size(); i++) {
            for (int j = i + 1; j < (int)nums.size(); j++) {
                if (nums[i] + nums[j] == target) {
                    return {i, j};
                }
            }
        }
        return {};
    }
};
