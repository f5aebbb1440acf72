class Solution {
    public int[] maxSlidingWindow(int[] nums, int k) {
        // Brute force: the maximum of every window from scratch. O(n * k).
        int[] out = new int[nums.length - k + 1];
        for (int start = 0; start + k <= nums.length; start++) {
            int best = nums[start];
            for (int j = start + 1; j < start + k; j++) {
                if (nums[j] > best) {
                    best = nums[j];
                }
            }
            out[start] = best;
        }
        return out;
    }
}
