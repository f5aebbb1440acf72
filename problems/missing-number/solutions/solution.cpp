class Solution {
public:
    int missingNumber(vector<int>& nums) {
        long long n = nums.size();
        long long expected = n * (n + 1) / 2; // 64-bit: n * (n + 1) overflows an int
        long long sum = 0;
        for (int v : nums) {
            sum += v;
        }
        return (int)(expected - sum);
    }
};
