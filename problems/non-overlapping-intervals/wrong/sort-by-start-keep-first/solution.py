class Solution:
    def eraseOverlapIntervals(self, intervals: List[List[int]]) -> int:
        # Wrong: sorts by start and always keeps the earlier interval, so one
        # long interval pushes out several short ones.
        removed = 0
        end = float('-inf')
        for start, finish in sorted(intervals):
            if start >= end:
                end = finish
            else:
                removed += 1
        return removed
