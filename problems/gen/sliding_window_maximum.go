package gen

import "math/rand"

func init() {
	type input struct {
		Nums []int `json:"nums"`
		K    int   `json:"k"`
	}
	Register("sliding-window-maximum", Generator{
		Valid: Check(func(in input) error {
			return All(Len("nums", len(in.Nums), 1, 100_000), EachIn("nums", in.Nums, -10_000, 10_000),
				Range("k", in.K, 1, len(in.Nums)))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				n := 1 + r.Intn(20)
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{Ints(r, n, -5, 5), 1 + r.Intn(n)}})
			}
			out = append(out, Case{Name: "random full range", Input: input{Ints(r, 2000, -10_000, 10_000), 37}})
			out = append(out, Case{Name: "random negatives, repeated values", Input: input{Ints(r, 2000, -3, -1), 5}})
			out = append(out, Case{Name: "80 000 digits, window of 40 000", Input: input{Ints(r, 80_000, 0, 9), 40_000}, Large: true})
			return out
		},
		Sizes: []int{4000, 8000, 16000, 32000, 64000},
		// Half-length windows: the worst case for rescanning every window.
		Scale: func(r *rand.Rand, n int) any { return input{Ints(r, n, -10_000, 10_000), n / 2} },
		Class: "n",
	})
}
