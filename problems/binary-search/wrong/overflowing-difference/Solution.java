class Solution {
    public int search(int[] nums, int target) {
        // Wrong: nums[mid] - target overflows a 32-bit int when the two are
        // far apart (-5 - 2147483647 wraps to a positive number).
        int lo = 0;
        int hi = nums.length - 1;
        while (lo <= hi) {
            int mid = lo + (hi - lo) / 2;
            int diff = nums[mid] - target;
            if (diff == 0) {
                return mid;
            }
            if (diff < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }
}
