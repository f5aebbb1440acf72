class Solution:
    def lengthOfLongestSubstring(self, s: str) -> int:
        last = {}  # character -> index where it was last seen
        left = 0
        best = 0
        for right, ch in enumerate(s):
            # A repeat inside the window: restart just after its earlier copy.
            if last.get(ch, -1) >= left:
                left = last[ch] + 1
            last[ch] = right
            best = max(best, right - left + 1)
        return best
