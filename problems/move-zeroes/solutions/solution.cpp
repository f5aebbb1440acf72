class Solution {
public:
    vector<int> moveZeroes(vector<int>& nums) {
        size_t w = 0;
        for (size_t i = 0; i < nums.size(); i++) {
            if (nums[i] != 0) {
                swap(nums[w], nums[i]);
                w++;
            }
        }
        return nums;
    }
};
