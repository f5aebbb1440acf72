class Solution {
public:
    bool containsDuplicate(vector<int>& nums) {
        // Wrong: starts comparing at index 1 with its right neighbour, so a
        // duplicate of the smallest value (indices 0 and 1) is never seen.
        sort(nums.begin(), nums.end());
        for (size_t i = 1; i + 1 < nums.size(); i++) {
            if (nums[i] == nums[i + 1]) {
                return true;
            }
        }
        return false;
    }
};
