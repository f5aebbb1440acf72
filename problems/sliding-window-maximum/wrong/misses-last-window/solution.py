class Solution:
    def maxSlidingWindow(self, nums: List[int], k: int) -> List[int]:
        # Wrong: emits a maximum before adding the new element, so the
        # window that ends at the last index is never reported.
        window = []
        out = []
        for i, x in enumerate(nums):
            if i >= k:
                out.append(nums[window[0]])
            if window and window[0] == i - k:
                window.pop(0)
            while window and nums[window[-1]] <= x:
                window.pop()
            window.append(i)
        return out
