class Solution {
public:
    vector<vector<int>> threeSum(vector<int>& nums) {
        // Wrong: skips i when the NEXT value is equal, so triplets that use
        // a repeated smallest value twice ([-1, -1, 2]) are lost.
        vector<int> a = nums;
        sort(a.begin(), a.end());
        int n = a.size();
        vector<vector<int>> result;
        for (int i = 0; i < n - 2; i++) {
            if (a[i] == a[i + 1]) {
                continue;
            }
            int lo = i + 1, hi = n - 1;
            while (lo < hi) {
                int s = a[i] + a[lo] + a[hi];
                if (s < 0) {
                    lo++;
                } else if (s > 0) {
                    hi--;
                } else {
                    result.push_back({a[i], a[lo], a[hi]});
                    int b = a[lo], c = a[hi];
                    while (lo < hi && a[lo] == b) lo++;
                    while (lo < hi && a[hi] == c) hi--;
                }
            }
        }
        return result;
    }
};
