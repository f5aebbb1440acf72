class Solution:
    def containsDuplicate(self, nums: List[int]) -> bool:
        # Wrong: the value goes into the set before the lookup, so it always
        # finds itself.
        seen = set()
        for x in nums:
            seen.add(x)
            if x in seen:
                return True
        return False
