class Solution:
    def maxSlidingWindow(self, nums: List[int], k: int) -> List[int]:
        # Brute force: the maximum of every window from scratch. O(n * k).
        out = []
        for start in range(len(nums) - k + 1):
            best = nums[start]
            for j in range(start + 1, start + k):
                if nums[j] > best:
                    best = nums[j]
            out.append(best)
        return out
