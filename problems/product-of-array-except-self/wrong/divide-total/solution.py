class Solution:
    def productExceptSelf(self, nums: List[int]) -> List[int]:
        # Wrong: divides the total product by each element, which fails as
        # soon as an element is zero.
        total = 1
        for x in nums:
            total *= x
        return [total // x for x in nums]
