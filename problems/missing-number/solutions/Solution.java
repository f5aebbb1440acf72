class Solution {
    public int missingNumber(int[] nums) {
        long n = nums.length;
        long expected = n * (n + 1) / 2; // 64-bit: n * (n + 1) overflows an int
        long sum = 0;
        for (int v : nums) {
            sum += v;
        }
        return (int) (expected - sum);
    }
}
