class Solution:
    def rob(self, nums: List[int]) -> int:
        # Brute force: take or skip every house recursively, without
        # remembering results. Exponential in the number of houses.
        n = len(nums)

        def best(i: int) -> int:
            if i >= n:
                return 0
            return max(best(i + 1), nums[i] + best(i + 2))

        return best(0)
