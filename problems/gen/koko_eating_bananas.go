package gen

import "math/rand"

func init() {
	type input struct {
		Piles []int `json:"piles"`
		H     int   `json:"h"`
	}
	Register("koko-eating-bananas", Generator{
		Valid: Check(func(in input) error {
			return All(Len("piles", len(in.Piles), 1, 10_000), EachIn("piles", in.Piles, 1, 1_000_000_000),
				Range("h", in.H, len(in.Piles), 1_000_000_000))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 3 {
				p := Ints(r, 1+r.Intn(10), 1, 30)
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{p, len(p) + r.Intn(3*len(p))}})
			}
			p := Ints(r, 200, 1, 1_000_000_000)
			out = append(out, Case{Name: "random huge piles", Input: input{p, 200 + r.Intn(1000)}, Large: true})
			p = Ints(r, 1000, 1, 1_000_000_000)
			out = append(out, Case{Name: "random many hours", Input: input{p, 500_000_000 + r.Intn(500_000_000)}})
			p = Ints(r, 10_000, 900_000_000, 1_000_000_000)
			out = append(out, Case{Name: "random large tight", Input: input{p, 10_000 + r.Intn(100)}, Large: true})
			return out
		},
		Sizes: []int{625, 1250, 2500, 5000, 10000},
		Scale: func(r *rand.Rand, n int) any { return input{Ints(r, n, 1, 1_000_000_000), n + r.Intn(n)} },
		Class: "n",
	})
}
