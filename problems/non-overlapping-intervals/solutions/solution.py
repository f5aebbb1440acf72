class Solution:
    def eraseOverlapIntervals(self, intervals: List[List[int]]) -> int:
        removed = 0
        end = float('-inf')  # end of the last interval kept
        for start, finish in sorted(intervals, key=lambda iv: iv[1]):
            if start >= end:  # touching is fine
                end = finish
            else:
                removed += 1
        return removed
