class Solution {
    public int[] maxSlidingWindow(int[] nums, int k) {
        int n = nums.length;
        int[] out = new int[n - k + 1];
        // A deque of indices in an array: window[head..tail), values decreasing.
        int[] window = new int[n];
        int head = 0, tail = 0;
        for (int i = 0; i < n; i++) {
            if (head < tail && window[head] == i - k) {
                head++; // it just left the window
            }
            while (head < tail && nums[window[tail - 1]] <= nums[i]) {
                tail--; // can never be a maximum again
            }
            window[tail++] = i;
            if (i >= k - 1) {
                out[i - k + 1] = nums[window[head]];
            }
        }
        return out;
    }
}
