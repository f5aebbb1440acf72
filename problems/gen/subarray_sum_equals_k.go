package gen

import "math/rand"

// subarray-sum-equals-k: random arrays of small values (negatives, zeros,
// many matches) with k drawn near the sums that occur; the probe feeds
// zeros with k = 0, where every subarray matches and nothing ends early.
func init() {
	type input struct {
		Nums []int `json:"nums"`
		K    int   `json:"k"`
	}
	const lim, klim = 1000, 10_000_000
	// sumOf returns the sum of a random subarray of nums, so that k has
	// at least one match.
	sumOf := func(r *rand.Rand, nums []int) int {
		i := r.Intn(len(nums))
		j := i + r.Intn(len(nums)-i)
		s := 0
		for _, v := range nums[i : j+1] {
			s += v
		}
		return s
	}
	Register("subarray-sum-equals-k", Generator{
		Valid: Check(func(in input) error {
			return All(Len("nums", len(in.Nums), 1, 100_000), EachIn("nums", in.Nums, -lim, lim), Range("k", in.K, -klim, klim))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				nums := Ints(r, 1+r.Intn(20), -3, 3)
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{nums, sumOf(r, nums)}})
			}
			nums := Ints(r, 300, -lim, lim)
			out = append(out, Case{Name: "random wide values", Input: input{nums, sumOf(r, nums)}})
			nums = Ints(r, 2000, 0, 2)
			out = append(out, Case{Name: "random non-negative values", Input: input{nums, sumOf(r, nums)}})
			nums = Ints(r, 2000, -1, 1)
			out = append(out, Case{Name: "random signs, k zero", Input: input{nums, 0}})
			return out
		},
		Sizes: []int{1000, 2000, 4000, 8000, 16000, 32000, 64000},
		Scale: func(r *rand.Rand, n int) any { return input{make([]int, n), 0} },
		Class: "n",
	})
}
