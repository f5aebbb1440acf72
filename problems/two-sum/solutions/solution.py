class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        seen = {}
        for i, x in enumerate(nums):
            # The partner of x, if it came earlier, is already in the map.
            if target - x in seen:
                return [seen[target - x], i]
            seen[x] = i
        return []
