class Solution {
public:
    int rob(vector<int>& nums) {
        // Brute force: take or skip every house recursively, without
        // remembering results. Exponential in the number of houses.
        return best(nums, 0);
    }

private:
    int best(const vector<int>& nums, int i) {
        if (i >= (int)nums.size()) {
            return 0;
        }
        return max(best(nums, i + 1), nums[i] + best(nums, i + 2));
    }
};
