package gen

import "math/rand"

// min-cost-climbing-stairs: step costs; the brute force is exponential in
// the number of steps, so every long staircase is a large test.
func init() {
	type input struct {
		Cost []int `json:"cost"`
	}
	Register("min-cost-climbing-stairs", Generator{
		Valid: Check(func(in input) error {
			return All(Len("cost", len(in.Cost), 2, 1000), EachIn("cost", in.Cost, 0, 999))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{Cost: Ints(r, 2+r.Intn(14), 0, 999)}})
			}
			out = append(out, Case{Name: "random low costs", Input: input{Cost: Ints(r, 18, 0, 3)}})
			out = append(out, Case{Name: "random 900 steps", Input: input{Cost: Ints(r, 900, 0, 999)}, Large: true})
			return out
		},
		Sizes: []int{62, 125, 250, 500, 1000},
		Scale: func(r *rand.Rand, n int) any { return input{Cost: Ints(r, n, 0, 999)} },
		Class: "n",
	})
}
