class Solution {
public:
    int minEatingSpeed(vector<int>& piles, int h) {
        // Try every speed from 1 upwards: O(answer * n).
        for (int k = 1; ; k++) {
            long long hours = 0;
            for (int p : piles) hours += (p + (long long) k - 1) / k;
            if (hours <= h) return k;
        }
    }
};
