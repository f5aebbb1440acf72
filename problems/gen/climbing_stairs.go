package gen

import "math/rand"

// climbing-stairs has no probe: n is at most 45, so the optimal solution's
// time cannot be told from nothing.
func init() {
	type input struct {
		N int `json:"n"`
	}
	Register("climbing-stairs", Generator{
		Valid: Check(func(in input) error { return Range("n", in.N, 1, 45) }),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k, n := range Distinct(r, 4, 4, 30) {
				out = append(out, Case{Name: "random " + string(rune('a'+k)), Input: input{n}})
			}
			return out
		},
	})
}
