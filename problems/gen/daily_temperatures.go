package gen

import (
	"math/rand"
	"sort"
)

func init() {
	type input struct {
		Temperatures []int `json:"temperatures"`
	}
	// cooling returns n temperatures that never rise: no day gets a warmer
	// one, the worst case for looking ahead from every day.
	cooling := func(r *rand.Rand, n int) []int {
		t := Ints(r, n, 30, 100)
		sort.Sort(sort.Reverse(sort.IntSlice(t)))
		return t
	}
	Register("daily-temperatures", Generator{
		Valid: Check(func(in input) error {
			return All(Len("temperatures", len(in.Temperatures), 1, 100_000), EachIn("temperatures", in.Temperatures, 30, 100))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{Ints(r, 1+r.Intn(25), 30, 40)}})
			}
			out = append(out, Case{Name: "random full range", Input: input{Ints(r, 1000, 30, 100)}})
			warm := cooling(r, 2000)
			warm = append(warm, 100)
			warm[0] = 99
			out = append(out, Case{Name: "random cold spell, then a hot day", Input: input{warm}})
			out = append(out, Case{Name: "48 000 days that never warm up", Input: input{cooling(r, 48_000)}, Large: true})
			return out
		},
		Sizes: []int{4000, 8000, 16000, 32000, 64000},
		Scale: func(r *rand.Rand, n int) any { return input{cooling(r, n)} },
		Class: "n",
	})
}
