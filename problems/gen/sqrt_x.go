package gen

import (
	"math"
	"math/rand"
)

func init() {
	type input struct {
		X int `json:"x"`
	}
	Register("sqrt-x", Generator{
		Valid: Check(func(in input) error { return Range("x", in.X, 0, math.MaxInt32) }),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 3 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{r.Intn(10_000)}})
			}
			for k := range 3 {
				out = append(out, Case{Name: "random large " + string(rune('a'+k)), Input: input{1_000_000_000 + r.Intn(math.MaxInt32-1_000_000_000+1)}, Large: k == 0})
			}
			s := 30_000 + r.Intn(16_000)
			out = append(out, Case{Name: "random square minus one", Input: input{s*s - 1}})
			s = 30_000 + r.Intn(16_000)
			out = append(out, Case{Name: "random perfect square", Input: input{s * s}})
			return out
		},
		// The probe's n is the root: x = n*n - 1, so a scan up to the root
		// grows as n and a binary search as log n.
		Sizes: []int{2896, 5792, 11585, 23170, 46340},
		Scale: func(r *rand.Rand, n int) any { return input{n*n - 1 - r.Intn(n)} },
		Class: "log n",
	})
}
