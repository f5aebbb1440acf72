package gen

import "math/rand"

// house-robber: amounts in a row; the brute force is exponential in the
// number of houses, so every long row is a large test.
func init() {
	type input struct {
		Nums []int `json:"nums"`
	}
	const hi = 200_000
	Register("house-robber", Generator{
		Valid: Check(func(in input) error {
			return All(Len("nums", len(in.Nums), 1, 10_000), EachIn("nums", in.Nums, 0, hi))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{Nums: Ints(r, 1+r.Intn(15), 0, 100)}})
			}
			out = append(out, Case{Name: "random small values 0 to 2", Input: input{Nums: Ints(r, 18, 0, 2)}})
			out = append(out, Case{Name: "random 2 000 houses", Input: input{Nums: Ints(r, 2000, 0, hi)}, Large: true})
			return out
		},
		Sizes: []int{625, 1250, 2500, 5000, 10000},
		Scale: func(r *rand.Rand, n int) any { return input{Nums: Ints(r, n, 0, hi)} },
		Class: "n",
	})
}
