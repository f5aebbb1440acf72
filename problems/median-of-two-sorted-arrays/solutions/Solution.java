class Solution {
    public double findMedianSortedArrays(int[] nums1, int[] nums2) {
        // Binary search the cut in the shorter array; the cut in the other one
        // follows, because the left parts must hold half of all elements.
        if (nums1.length > nums2.length) {
            return findMedianSortedArrays(nums2, nums1);
        }
        int m = nums1.length;
        int n = nums2.length;
        int half = (m + n + 1) / 2;
        int lo = 0;
        int hi = m;
        while (lo <= hi) {
            int i = (lo + hi) / 2;
            int j = half - i;
            // Values fit in +-10^6, so the int extremes work as infinities.
            int aLeft = i > 0 ? nums1[i - 1] : Integer.MIN_VALUE;
            int aRight = i < m ? nums1[i] : Integer.MAX_VALUE;
            int bLeft = j > 0 ? nums2[j - 1] : Integer.MIN_VALUE;
            int bRight = j < n ? nums2[j] : Integer.MAX_VALUE;
            if (aLeft > bRight) {
                hi = i - 1;
            } else if (bLeft > aRight) {
                lo = i + 1;
            } else {
                int leftMax = Math.max(aLeft, bLeft);
                if ((m + n) % 2 == 1) {
                    return leftMax;
                }
                return ((long) leftMax + Math.min(aRight, bRight)) / 2.0;
            }
        }
        throw new IllegalArgumentException("inputs are not sorted");
    }
}
