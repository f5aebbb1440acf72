func lengthOfLongestSubstring(s string) int {
	var last [256]int // byte -> index last seen, plus one (0 means never)
	left, best := 0, 0
	for right := 0; right < len(s); right++ {
		c := s[right]
		// A repeat inside the window: restart just after its earlier copy.
		if last[c] > left {
			left = last[c]
		}
		last[c] = right + 1
		best = max(best, right-left+1)
	}
	return best
}
