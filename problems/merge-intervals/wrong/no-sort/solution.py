class Solution:
    def merge(self, intervals: List[List[int]]) -> List[List[int]]:
        # Wrong: merges in input order without sorting first, so only
        # intervals that are neighbours in the input get merged.
        merged = []
        for start, end in intervals:
            if merged and start <= merged[-1][1] and end >= merged[-1][0]:
                merged[-1][0] = min(merged[-1][0], start)
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return merged
