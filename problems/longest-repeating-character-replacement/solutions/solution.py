class Solution:
    def characterReplacement(self, s: str, k: int) -> int:
        count = [0] * 26
        left = 0
        top = 0  # the largest letter count any window has reached
        best = 0
        for right in range(len(s)):
            c = ord(s[right]) - 65
            count[c] += 1
            if count[c] > top:
                top = count[c]
            if right - left + 1 - top > k:
                count[ord(s[left]) - 65] -= 1
                left += 1
            if right - left + 1 > best:
                best = right - left + 1
        return best
