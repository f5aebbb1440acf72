class Solution:
    def topKFrequent(self, nums: List[int], k: int) -> List[int]:
        # Wrong: sorts the distinct values themselves instead of their counts.
        return sorted(set(nums), reverse=True)[:k]
