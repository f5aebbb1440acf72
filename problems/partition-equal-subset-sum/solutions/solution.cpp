class Solution {
public:
    bool canPartition(vector<int>& nums) {
        int total = 0;
        for (int x : nums) {
            total += x;
        }
        if (total % 2 == 1) {
            return false;
        }
        int half = total / 2;
        vector<char> can(half + 1, 0); // can[s]: some subset of the numbers so far sums to s
        can[0] = 1;
        for (int x : nums) {
            for (int s = half; s >= x; s--) { // downwards: each number used once
                if (can[s - x]) {
                    can[s] = 1;
                }
            }
        }
        return can[half];
    }
};
