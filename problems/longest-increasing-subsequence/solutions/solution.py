from bisect import bisect_left


class Solution:
    def lengthOfLIS(self, nums: List[int]) -> int:
        tails = []  # tails[L]: smallest value ending an increasing run of length L + 1
        for v in nums:
            i = bisect_left(tails, v)  # first entry >= v keeps it strict
            if i == len(tails):
                tails.append(v)
            else:
                tails[i] = v
        return len(tails)
