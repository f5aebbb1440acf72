class Solution {
public:
    int mySqrt(int x) {
        int lo = 0, hi = min(x, 46340);
        while (lo < hi) {
            int mid = lo + (hi - lo + 1) / 2;
            if ((long long) mid * mid <= x) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
};
