class Solution:
    def subsets(self, nums: List[int]) -> List[List[int]]:
        result = [[]]
        for x in sorted(nums):
            result += [subset + [x] for subset in result]
        return result
