package gen

import "math/rand"

// first-missing-positive: random arrays around 1..n (gaps, duplicates,
// non-positive and huge values); the probe feeds zeros followed by n/4
// down to 1, the worst case of scanning the array once per candidate.
func init() {
	type input struct {
		Nums []int `json:"nums"`
	}
	const lo, hi = -1 << 31, 1<<31 - 1
	// around returns a shuffled 1..m with one value removed (or none),
	// padded with noise up to n elements.
	around := func(r *rand.Rand, n, m int, gap bool) []int {
		nums := make([]int, 0, n)
		skip := -1
		if gap {
			skip = 1 + r.Intn(m)
		}
		for v := 1; v <= m; v++ {
			if v != skip {
				nums = append(nums, v)
			}
		}
		for len(nums) < n {
			switch r.Intn(4) {
			case 0:
				nums = append(nums, r.Intn(3)-2)
			case 1:
				nums = append(nums, 1+r.Intn(m)) // a duplicate
			case 2:
				nums = append(nums, n+1+r.Intn(1000))
			default:
				nums = append(nums, lo+r.Intn(1<<30))
			}
		}
		r.Shuffle(len(nums), func(i, j int) { nums[i], nums[j] = nums[j], nums[i] })
		return nums
	}
	Register("first-missing-positive", Generator{
		Valid: Check(func(in input) error {
			return All(Len("nums", len(in.Nums), 1, 100_000), EachIn("nums", in.Nums, lo, hi))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				n := 1 + r.Intn(15)
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{Ints(r, n, -2, n+2)}})
			}
			out = append(out, Case{Name: "random gap in 1..200", Input: input{around(r, 300, 200, true)}})
			out = append(out, Case{Name: "random full 1..200 with noise", Input: input{around(r, 300, 200, false)}})
			out = append(out, Case{Name: "random full permutation", Input: input{around(r, 500, 500, false)}})
			out = append(out, Case{Name: "random wide values", Input: input{Ints(r, 300, lo, hi)}})
			return out
		},
		Sizes: []int{1000, 2000, 4000, 8000, 16000, 32000, 64000},
		Scale: func(r *rand.Rand, n int) any {
			nums := make([]int, n)
			m := n / 4
			for i := 0; i < m; i++ {
				nums[n-1-i] = i + 1
			}
			return input{nums}
		},
		Class: "n",
	})
}
