func topKFrequent(nums []int, k int) []int {
	counts := make(map[int]int)
	for _, x := range nums {
		counts[x]++
	}
	// A count is between 1 and n, so bucket the values by count instead of
	// sorting them.
	buckets := make([][]int, len(nums)+1)
	for value, count := range counts {
		buckets[count] = append(buckets[count], value)
	}
	result := make([]int, 0, k)
	for count := len(nums); count > 0 && len(result) < k; count-- {
		for _, value := range buckets[count] {
			if len(result) == k {
				break
			}
			result = append(result, value)
		}
	}
	return result
}
