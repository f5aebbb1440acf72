package gen

import "math/rand"

func init() {
	type input struct {
		Prices []int `json:"prices"`
	}
	Register("best-time-to-buy-and-sell-stock", Generator{
		Valid: Check(func(in input) error {
			return All(Len("prices", len(in.Prices), 1, 100_000), EachIn("prices", in.Prices, 0, 10_000))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{Ints(r, 1+r.Intn(30), 0, 50)}})
			}
			out = append(out, Case{Name: "random wide values", Input: input{Ints(r, 500, 0, 10_000)}})
			// Digits keep the file small at 100 000 days; every pair of days
			// is one step of the brute force.
			out = append(out, Case{Name: "100 000 days of digit prices", Input: input{Ints(r, 100_000, 0, 9)}, Large: true})
			return out
		},
		Sizes: []int{4000, 8000, 16000, 32000, 64000},
		Scale: func(r *rand.Rand, n int) any { return input{Ints(r, n, 0, 10_000)} },
		Class: "n",
	})
}
