func isValid(s string) bool {
	partner := map[byte]byte{')': '(', ']': '[', '}': '{'}
	stack := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		ch := s[i]
		open, isCloser := partner[ch]
		if !isCloser {
			stack = append(stack, ch)
			continue
		}
		// A closer must match the most recent opener still open.
		if len(stack) == 0 || stack[len(stack)-1] != open {
			return false
		}
		stack = stack[:len(stack)-1]
	}
	return len(stack) == 0
}
