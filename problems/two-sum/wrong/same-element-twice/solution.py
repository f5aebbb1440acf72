class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        # Wrong: the map is filled first, so a value that is half the target
        # finds itself.
        index = {x: i for i, x in enumerate(nums)}
        for i, x in enumerate(nums):
            if target - x in index:
                return [i, index[target - x]]
        return []
