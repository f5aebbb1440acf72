class Solution {
public:
    bool canPartition(vector<int>& nums) {
        // Wrong: walks the sums upwards, so can[s - x] may already use x and
        // the same number counts several times.
        int total = 0;
        for (int x : nums) {
            total += x;
        }
        if (total % 2 == 1) {
            return false;
        }
        int half = total / 2;
        vector<bool> can(half + 1, false);
        can[0] = true;
        for (int x : nums) {
            for (int s = x; s <= half; s++) {
                if (can[s - x]) {
                    can[s] = true;
                }
            }
        }
        return can[half];
    }
};
