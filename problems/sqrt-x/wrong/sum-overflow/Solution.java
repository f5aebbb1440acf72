class Solution {
    public int mySqrt(int x) {
        if (x < 2) return x;
        int lo = 1, hi = x;
        while (lo <= hi) {
            int mid = (lo + hi) / 2;
            if ((long) mid * mid <= x) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi;
    }
}
