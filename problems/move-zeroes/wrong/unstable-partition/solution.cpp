class Solution {
public:
    vector<int> moveZeroes(vector<int>& nums) {
        // Wrong: std::partition groups the non-zeros first but may reorder
        // them (std::stable_partition would be right).
        partition(nums.begin(), nums.end(), [](int x) { return x != 0; });
        return nums;
    }
};
