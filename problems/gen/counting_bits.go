package gen

import "math/rand"

// counting-bits: one number n; the output has n + 1 entries.
func init() {
	type input struct {
		N int `json:"n"`
	}
	Register("counting-bits", Generator{
		Valid: Check(func(in input) error { return Range("n", in.N, 0, 50_000) }),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{N: r.Intn(64)}})
			}
			out = append(out, Case{Name: "random medium", Input: input{N: 1000 + r.Intn(3000)}})
			return out
		},
		Sizes: []int{1000, 2000, 4000, 8000, 16000, 32000},
		Scale: func(r *rand.Rand, n int) any { return input{N: n} },
		Class: "n",
	})
}
