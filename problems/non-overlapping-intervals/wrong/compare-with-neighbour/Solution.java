class Solution {
    public int eraseOverlapIntervals(int[][] intervals) {
        // Wrong: compares each interval with its neighbour in sorted order,
        // not with the last interval kept, so a removed interval still
        // causes removals.
        Arrays.sort(intervals, (x, y) -> Integer.compare(x[1], y[1]));
        int removed = 0;
        for (int i = 1; i < intervals.length; i++) {
            if (intervals[i][0] < intervals[i - 1][1]) {
                removed++;
            }
        }
        return removed;
    }
}
