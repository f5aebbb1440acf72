package gen

import "math/rand"

// n-queens-ii: the input is the board size alone; random small boards (the
// brute force's range) and random large ones.
func init() {
	type input struct {
		N int `json:"n"`
	}
	const maxN = 11
	Register("n-queens-ii", Generator{
		Valid: Check(func(in input) error { return Range("n", in.N, 1, maxN) }),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{N: 1 + r.Intn(6)}})
			}
			for k := range 2 {
				out = append(out, Case{Name: "random large " + string(rune('a'+k)), Input: input{N: 8 + r.Intn(4)}, Large: true})
			}
			return out
		},
		Sizes: []int{7, 8, 9, 10, 11},
		Scale: func(r *rand.Rand, n int) any { return input{N: n} },
		Class: "2^n",
	})
}
