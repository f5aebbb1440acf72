class Solution:
    def minWindow(self, s: str, t: str) -> str:
        need = [0] * 128
        for c in t:
            need[ord(c)] += 1
        missing = len(t)  # characters of t the window still lacks
        left = 0
        best_len, best_start = len(s) + 1, 0
        for right in range(len(s)):
            c = ord(s[right])
            if need[c] > 0:
                missing -= 1
            need[c] -= 1
            while missing == 0:
                if right - left + 1 < best_len:  # strictly shorter keeps the leftmost
                    best_len, best_start = right - left + 1, left
                d = ord(s[left])
                need[d] += 1
                if need[d] > 0:
                    missing += 1
                left += 1
        return "" if best_len > len(s) else s[best_start:best_start + best_len]
