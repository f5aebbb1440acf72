import collections

class Solution:
    def maxSlidingWindow(self, nums: List[int], k: int) -> List[int]:
        window = collections.deque()  # indices; values decrease front to back
        out = []
        for i, x in enumerate(nums):
            if window and window[0] == i - k:
                window.popleft()  # it just left the window
            while window and nums[window[-1]] <= x:
                window.pop()  # can never be a maximum again
            window.append(i)
            if i >= k - 1:
                out.append(nums[window[0]])
        return out
