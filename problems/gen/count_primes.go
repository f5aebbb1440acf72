package gen

import "math/rand"

// count-primes: one integer n, the answer the number of primes below n.
func init() {
	type input struct {
		N int `json:"n"`
	}
	const maxN = 5_000_000
	Register("count-primes", Generator{
		Valid: Check(func(in input) error { return Range("n", in.N, 0, maxN) }),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 3 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{r.Intn(200)}})
			}
			for k := range 2 {
				out = append(out, Case{Name: "random medium " + string(rune('a'+k)), Input: input{1_000 + r.Intn(99_001)}})
			}
			// One large test besides the hand-written n = 5 * 10^6: every
			// input runs in one process, so a few suffice.
			out = append(out, Case{Name: "random large", Input: input{4_000_000 + r.Intn(maxN-4_000_000+1)}, Large: true})
			return out
		},
		// The probe's n is the input itself: the sieve's n log log n is
		// measured as n, trial division's n sqrt n a tier above it.
		Sizes: []int{62_500, 125_000, 250_000, 500_000, 1_000_000, 2_000_000, 4_000_000},
		Scale: func(r *rand.Rand, n int) any { return input{n - r.Intn(64)} },
		Class: "n",
	})
}
