class Solution {
public:
    int eraseOverlapIntervals(vector<vector<int>>& intervals) {
        sort(intervals.begin(), intervals.end(),
             [](const vector<int>& x, const vector<int>& y) { return x[1] < y[1]; });
        int removed = 0;
        long long end = LLONG_MIN; // end of the last interval kept
        for (const auto& iv : intervals) {
            if (iv[0] >= end) { // touching is fine
                end = iv[1];
            } else {
                removed++;
            }
        }
        return removed;
    }
};
