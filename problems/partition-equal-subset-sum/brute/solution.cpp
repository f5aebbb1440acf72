class Solution {
public:
    bool canPartition(vector<int>& nums) {
        // Brute force: include or exclude every number recursively, without
        // remembering results. Exponential when no split exists.
        int total = 0;
        for (int x : nums) {
            total += x;
        }
        if (total % 2 == 1) {
            return false;
        }
        return reach(nums, 0, total / 2);
    }

private:
    bool reach(const vector<int>& nums, int i, int rest) {
        if (rest == 0) {
            return true;
        }
        if (i == (int)nums.size() || rest < 0) {
            return false;
        }
        return reach(nums, i + 1, rest - nums[i]) || reach(nums, i + 1, rest);
    }
};
