class Solution {
    public int lengthOfLIS(int[] nums) {
        int[] tails = new int[nums.length]; // tails[L]: smallest value ending an increasing run of length L + 1
        int size = 0;
        for (int v : nums) {
            int lo = 0, hi = size;
            while (lo < hi) { // first entry >= v keeps it strict
                int mid = (lo + hi) >>> 1;
                if (tails[mid] < v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            tails[lo] = v;
            if (lo == size) {
                size++;
            }
        }
        return size;
    }
}
