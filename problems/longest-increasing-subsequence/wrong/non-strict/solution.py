from bisect import bisect_right


class Solution:
    def lengthOfLIS(self, nums: List[int]) -> int:
        # Wrong: the upper bound lets an equal value extend its twin, so it
        # measures a non-decreasing subsequence.
        tails = []
        for v in nums:
            i = bisect_right(tails, v)
            if i == len(tails):
                tails.append(v)
            else:
                tails[i] = v
        return len(tails)
