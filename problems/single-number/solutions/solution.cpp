class Solution {
public:
    int singleNumber(vector<int>& nums) {
        int x = 0;
        for (int v : nums) {
            x ^= v; // equal values cancel, 0 ^ v == v
        }
        return x;
    }
};
