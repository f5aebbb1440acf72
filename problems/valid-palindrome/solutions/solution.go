func isPalindrome(s string) bool {
	isAlnum := func(c byte) bool {
		return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	lower := func(c byte) byte {
		if c >= 'A' && c <= 'Z' {
			return c + 'a' - 'A'
		}
		return c
	}
	left, right := 0, len(s)-1
	for left < right {
		switch {
		case !isAlnum(s[left]):
			left++
		case !isAlnum(s[right]):
			right--
		case lower(s[left]) != lower(s[right]):
			return false
		default:
			left++
			right--
		}
	}
	return true
}
