package gen

import (
	"math/rand"
	"sort"
)

func init() {
	type input struct {
		Nums []int `json:"nums"`
	}
	// falling returns n-1 digits up to 8 in non-increasing order, then a 9:
	// every element's answer is the last one, the worst case for scanning
	// right from each index.
	falling := func(r *rand.Rand, n int) []int {
		nums := Ints(r, n-1, 0, 8)
		sort.Sort(sort.Reverse(sort.IntSlice(nums)))
		return append(nums, 9)
	}
	Register("next-greater-element", Generator{
		Valid: Check(func(in input) error {
			return All(Len("nums", len(in.Nums), 1, 100_000), EachIn("nums", in.Nums, 0, 1_000_000_000))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{Ints(r, 1+r.Intn(25), 0, 9)}})
			}
			out = append(out, Case{Name: "random wide values", Input: input{Ints(r, 300, 0, 1_000_000_000)}})
			out = append(out, Case{Name: "55 000 falling digits, then a 9", Input: input{falling(r, 55_000)}, Large: true})
			return out
		},
		Sizes: []int{4000, 8000, 16000, 32000, 64000},
		Scale: func(r *rand.Rand, n int) any { return input{falling(r, n)} },
		Class: "n",
	})
}
