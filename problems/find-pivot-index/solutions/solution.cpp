class Solution {
public:
    int pivotIndex(vector<int>& nums) {
        int total = 0;
        for (int x : nums) {
            total += x;
        }
        int left = 0;
        for (size_t i = 0; i < nums.size(); i++) {
            if (left == total - left - nums[i]) {
                return (int)i;
            }
            left += nums[i];
        }
        return -1;
    }
};
