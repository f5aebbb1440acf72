package gen

import "math/rand"

// trapping-rain-water: random elevation maps, some low bars between tall
// walls; scanning both sides of every bar is quadratic whatever the
// heights, so the probe feeds low random bars between two walls.
func init() {
	type input struct {
		Height []int `json:"height"`
	}
	const hi = 10_000
	walled := func(r *rand.Rand, n, top int) []int {
		h := Ints(r, n, 0, top)
		h[r.Intn(n)] = hi - r.Intn(50)
		h[r.Intn(n)] = hi - r.Intn(50)
		return h
	}
	Register("trapping-rain-water", Generator{
		Valid: Check(func(in input) error {
			return All(Len("height", len(in.Height), 1, 100_000), EachIn("height", in.Height, 0, hi))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{Ints(r, 1+r.Intn(20), 0, 8)}})
			}
			out = append(out, Case{Name: "random walls", Input: input{walled(r, 300, 100)}})
			out = append(out, Case{Name: "random wide heights", Input: input{Ints(r, 1000, 0, hi)}})
			return out
		},
		Sizes: []int{1000, 2000, 4000, 8000, 16000, 32000, 64000},
		Scale: func(r *rand.Rand, n int) any {
			h := Ints(r, n, 0, 9)
			h[0], h[n-1] = hi, hi
			return input{h}
		},
		Class: "n",
	})
}
