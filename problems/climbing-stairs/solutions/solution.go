func climbStairs(n int) int {
	// ways(i) = ways(i - 1) + ways(i - 2); keep only the last two.
	prev, cur := 1, 1 // ways(0), ways(1)
	for i := 2; i <= n; i++ {
		prev, cur = cur, prev+cur
	}
	return cur
}
