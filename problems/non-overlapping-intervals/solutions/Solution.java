class Solution {
    public int eraseOverlapIntervals(int[][] intervals) {
        Arrays.sort(intervals, (x, y) -> Integer.compare(x[1], y[1]));
        int removed = 0;
        long end = Long.MIN_VALUE; // end of the last interval kept
        for (int[] iv : intervals) {
            if (iv[0] >= end) { // touching is fine
                end = iv[1];
            } else {
                removed++;
            }
        }
        return removed;
    }
}
