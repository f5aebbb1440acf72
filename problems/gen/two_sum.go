package gen

import "math/rand"

// two-sum: the model for every generator file. Valid holds the statement's
// constraints, Tests adds random cases around them, Scale feeds the probe.
func init() {
	type input struct {
		Nums   []int `json:"nums"`
		Target int   `json:"target"`
	}
	const lim = 1_000_000_000
	// pairs counts the index pairs that add up to target.
	pairs := func(in input) int {
		seen := map[int]int{}
		n := 0
		for _, v := range in.Nums {
			n += seen[in.Target-v]
			seen[v]++
		}
		return n
	}
	// draw draws n distinct values with one pair (at i, j) summing to the
	// target and no other.
	draw := func(r *rand.Rand, n, lo, hi, i, j int) input {
		for {
			nums := Distinct(r, n, lo, hi)
			in := input{Nums: nums, Target: nums[i] + nums[j]}
			if in.Target >= -lim && in.Target <= lim && pairs(in) == 1 {
				return in
			}
		}
	}
	Register("two-sum", Generator{
		Valid: Check(func(in input) error {
			return All(Len("nums", len(in.Nums), 2, 100_000), EachIn("nums", in.Nums, -lim, lim),
				Range("target", in.Target, -lim, lim), func() error {
					if k := pairs(in); k != 1 {
						return Errorf("%d pairs add up to target, want exactly one", k)
					}
					return nil
				}())
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				n := 3 + r.Intn(20)
				i := r.Intn(n - 1)
				j := i + 1 + r.Intn(n-i-1)
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: draw(r, n, -50, 50, i, j)})
			}
			out = append(out, Case{Name: "random wide values", Input: draw(r, 200, -lim/2, lim/2, 17, 150)})
			return out
		},
		Sizes: []int{1000, 2000, 4000, 8000, 16000, 32000, 64000},
		Scale: func(r *rand.Rand, n int) any { return draw(r, n, -lim/2, lim/2, n-2, n-1) },
		Class: "n",
	})
}
