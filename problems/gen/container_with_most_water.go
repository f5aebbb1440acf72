package gen

import "math/rand"

// container-with-most-water: random heights, some with two tall lines
// planted; every pair scan is quadratic whatever the heights, so the probe
// feeds random heights.
func init() {
	type input struct {
		Height []int `json:"height"`
	}
	const hi = 10_000
	planted := func(r *rand.Rand, n, top int) []int {
		h := Ints(r, n, 0, top)
		h[r.Intn(n)] = hi - r.Intn(100)
		h[r.Intn(n)] = hi - r.Intn(100)
		return h
	}
	Register("container-with-most-water", Generator{
		Valid: Check(func(in input) error {
			return All(Len("height", len(in.Height), 2, 100_000), EachIn("height", in.Height, 0, hi))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{Ints(r, 2+r.Intn(20), 0, 20)}})
			}
			out = append(out, Case{Name: "random two tall lines", Input: input{planted(r, 300, 50)}})
			out = append(out, Case{Name: "random wide heights", Input: input{Ints(r, 1000, 0, hi)}})
			return out
		},
		Sizes: []int{1000, 2000, 4000, 8000, 16000, 32000, 64000},
		Scale: func(r *rand.Rand, n int) any { return input{Ints(r, n, 0, hi)} },
		Class: "n",
	})
}
