package gen

import "math/rand"

// three-sum: random arrays of small values (many duplicates and triplets)
// and of wide values; the probe feeds distinct odd values, which have no
// triplet at all (three odd numbers never sum to zero), so neither the
// two-pointer scan nor a triple loop can stop early.
func init() {
	type input struct {
		Nums []int `json:"nums"`
	}
	const lim = 100_000
	odd := func(r *rand.Rand, n int) []int {
		nums := Distinct(r, n, -lim/2, lim/2-1)
		for i := range nums {
			nums[i] = 2*nums[i] + 1
		}
		return nums
	}
	Register("three-sum", Generator{
		Valid: Check(func(in input) error {
			return All(Len("nums", len(in.Nums), 3, 3000), EachIn("nums", in.Nums, -lim, lim))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{Ints(r, 3+r.Intn(15), -5, 5)}})
			}
			out = append(out, Case{Name: "random 100 values in [-30, 30]", Input: input{Ints(r, 100, -30, 30)}})
			out = append(out, Case{Name: "random 600 wide values", Input: input{Ints(r, 600, -lim, lim)}})
			out = append(out, Case{Name: "random 2000 odd values", Input: input{odd(r, 2000)}, Large: true})
			return out
		},
		Sizes: []int{100, 200, 400, 800, 1600, 3000},
		Scale: func(r *rand.Rand, n int) any { return input{odd(r, n)} },
		Class: "n^2",
	})
}
