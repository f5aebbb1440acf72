package gen

import "math/rand"

func init() {
	type input struct {
		Tickets []int `json:"tickets"`
		K       int   `json:"k"`
	}
	const most = 1_000_000_000
	Register("time-needed-to-buy-tickets", Generator{
		Valid: Check(func(in input) error {
			return All(Len("tickets", len(in.Tickets), 1, 100_000), EachIn("tickets", in.Tickets, 1, most),
				Range("k", in.K, 0, len(in.Tickets)-1))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				n := 1 + r.Intn(20)
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{Ints(r, n, 1, 15), r.Intn(n)}})
			}
			out = append(out, Case{Name: "random many people", Input: input{Ints(r, 2000, 1, 100), r.Intn(2000)}})
			out = append(out, Case{Name: "random huge counts", Input: input{Ints(r, 3000, 1, most), 1500 + r.Intn(1500)}, Large: true})
			return out
		},
		Sizes: []int{4000, 8000, 16000, 32000, 64000},
		// Counts that grow with n keep the simulation measurable (about n^2
		// steps) while the count stays O(n).
		Scale: func(r *rand.Rand, n int) any { return input{Ints(r, n, n/2, n), n / 2} },
		Class: "n",
	})
}
