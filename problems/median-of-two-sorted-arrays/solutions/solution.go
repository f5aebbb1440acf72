import "math"

func findMedianSortedArrays(nums1 []int, nums2 []int) float64 {
	// Binary search the cut in the shorter array; the cut in the other one
	// follows, because the left parts must hold half of all elements.
	if len(nums1) > len(nums2) {
		nums1, nums2 = nums2, nums1
	}
	m, n := len(nums1), len(nums2)
	half := (m + n + 1) / 2
	lo, hi := 0, m
	for lo <= hi {
		i := (lo + hi) / 2
		j := half - i
		aLeft, aRight := math.MinInt, math.MaxInt
		bLeft, bRight := math.MinInt, math.MaxInt
		if i > 0 {
			aLeft = nums1[i-1]
		}
		if i < m {
			aRight = nums1[i]
		}
		if j > 0 {
			bLeft = nums2[j-1]
		}
		if j < n {
			bRight = nums2[j]
		}
		switch {
		case aLeft > bRight:
			hi = i - 1
		case bLeft > aRight:
			lo = i + 1
		default:
			leftMax := max(aLeft, bLeft)
			if (m+n)%2 == 1 {
				return float64(leftMax)
			}
			return float64(leftMax+min(aRight, bRight)) / 2
		}
	}
	panic("inputs are not sorted")
}
