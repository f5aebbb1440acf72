class Solution {
    public int missingNumber(int[] nums) {
        // Wrong: n * (n + 1) is computed in 32 bits and overflows for
        // n > 46 340, before the division by 2.
        int n = nums.length;
        int expected = n * (n + 1) / 2;
        int sum = 0;
        for (int v : nums) {
            sum += v;
        }
        return expected - sum;
    }
}
