class Solution:
    def subsets(self, nums: List[int]) -> List[List[int]]:
        # Mistake: no sort, so each subset keeps the input order.
        result = []

        def backtrack(start: int, path: List[int]) -> None:
            result.append(path[:])
            for i in range(start, len(nums)):
                path.append(nums[i])
                backtrack(i + 1, path)
                path.pop()

        backtrack(0, [])
        return result
