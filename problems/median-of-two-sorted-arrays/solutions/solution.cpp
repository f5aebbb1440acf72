class Solution {
public:
    double findMedianSortedArrays(vector<int>& nums1, vector<int>& nums2) {
        // Binary search the cut in the shorter array; the cut in the other one
        // follows, because the left parts must hold half of all elements.
        if (nums1.size() > nums2.size()) {
            return findMedianSortedArrays(nums2, nums1);
        }
        int m = nums1.size();
        int n = nums2.size();
        int half = (m + n + 1) / 2;
        int lo = 0;
        int hi = m;
        while (lo <= hi) {
            int i = (lo + hi) / 2;
            int j = half - i;
            // Values fit in +-10^6, so the int extremes work as infinities.
            int aLeft = i > 0 ? nums1[i - 1] : INT_MIN;
            int aRight = i < m ? nums1[i] : INT_MAX;
            int bLeft = j > 0 ? nums2[j - 1] : INT_MIN;
            int bRight = j < n ? nums2[j] : INT_MAX;
            if (aLeft > bRight) {
                hi = i - 1;
            } else if (bLeft > aRight) {
                lo = i + 1;
            } else {
                int leftMax = max(aLeft, bLeft);
                if ((m + n) % 2 == 1) {
                    return leftMax;
                }
                return ((long long) leftMax + min(aRight, bRight)) / 2.0;
            }
        }
        throw invalid_argument("inputs are not sorted");
    }
};
