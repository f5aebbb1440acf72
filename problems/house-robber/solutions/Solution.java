class Solution {
    public int rob(int[] nums) {
        int prev2 = 0; // best total up to house i - 2
        int prev1 = 0; // best total up to house i - 1
        for (int v : nums) {
            int here = Math.max(prev1, prev2 + v);
            prev2 = prev1;
            prev1 = here;
        }
        return prev1;
    }
}
