package gen

import (
	"math"
	"math/rand"
)

// longest-increasing-subsequence: any 32-bit values; the probe's inputs are
// random, where the O(n^2) table does all of its n^2 / 2 comparisons.
func init() {
	type input struct {
		Nums []int `json:"nums"`
	}
	Register("longest-increasing-subsequence", Generator{
		Valid: Check(func(in input) error {
			return All(Len("nums", len(in.Nums), 1, 40_000), EachIn("nums", in.Nums, math.MinInt32, math.MaxInt32))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{Nums: Ints(r, 1+r.Intn(20), -10, 10)}})
			}
			out = append(out, Case{Name: "random few distinct values", Input: input{Nums: Ints(r, 300, 0, 5)}})
			out = append(out, Case{Name: "random full range", Input: input{Nums: Ints(r, 500, math.MinInt32, math.MaxInt32)}})
			return out
		},
		Sizes: []int{1000, 2000, 4000, 8000, 16000, 32000},
		Scale: func(r *rand.Rand, n int) any { return input{Nums: Ints(r, n, -1_000_000_000, 1_000_000_000)} },
		Class: "n log n",
	})
}
