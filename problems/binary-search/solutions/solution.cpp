class Solution {
public:
    int search(vector<int>& nums, int target) {
        int lo = 0;
        int hi = (int) nums.size() - 1;
        while (lo <= hi) {
            // lo + (hi - lo) / 2 cannot overflow, unlike (lo + hi) / 2.
            int mid = lo + (hi - lo) / 2;
            if (nums[mid] == target) {
                return mid;
            }
            if (nums[mid] < target) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }
};
