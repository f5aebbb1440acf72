class Solution {
public:
    int singleNumber(vector<int>& nums) {
        // Brute force: for every value, scan the whole array for a second
        // copy. O(n^2).
        int n = nums.size();
        for (int i = 0; i < n; i++) {
            bool paired = false;
            for (int j = 0; j < n; j++) {
                if (j != i && nums[j] == nums[i]) {
                    paired = true;
                    break;
                }
            }
            if (!paired) {
                return nums[i];
            }
        }
        return 0;
    }
};
