package gen

import (
	"math/rand"
	"sort"
)

func init() {
	type input struct {
		Heights []int `json:"heights"`
	}
	Register("largest-rectangle-in-histogram", Generator{
		Valid: Check(func(in input) error {
			return All(Len("heights", len(in.Heights), 1, 100_000), EachIn("heights", in.Heights, 0, 10_000))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{Ints(r, 1+r.Intn(20), 0, 8)}})
			}
			out = append(out, Case{Name: "random tall bars", Input: input{Ints(r, 1000, 0, 10_000)}})
			out = append(out, Case{Name: "random no zeros", Input: input{Ints(r, 3000, 1, 50)}})
			out = append(out, Case{Name: "60 000 short bars", Input: input{Ints(r, 60_000, 1, 9)}, Large: true})
			rising := Ints(r, 40_000, 1, 9)
			sort.Ints(rising)
			out = append(out, Case{Name: "40 000 rising bars", Input: input{rising}, Large: true})
			return out
		},
		Sizes: []int{4000, 8000, 16000, 32000, 64000},
		Scale: func(r *rand.Rand, n int) any { return input{Ints(r, n, 1, 10_000)} },
		Class: "n",
	})
}
