package gen

import (
	"math"
	"math/rand"
)

func init() {
	type input struct {
		Coins  []int `json:"coins"`
		Amount int   `json:"amount"`
	}
	Register("coin-change", Generator{
		Valid: Check(func(in input) error {
			return All(Len("coins", len(in.Coins), 1, 12), EachIn("coins", in.Coins, 1, math.MaxInt32), Range("amount", in.Amount, 0, 10_000))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{Distinct(r, 1+r.Intn(4), 1, 12), r.Intn(60)}})
			}
			out = append(out, Case{Name: "random no one-coin", Input: input{Distinct(r, 5, 2, 40), 300 + r.Intn(200)}})
			return out
		},
		Sizes: []int{625, 1250, 2500, 5000, 10000},
		// Coins without a 1 and a large amount: the worst case for recursion
		// and for a greedy start.
		Scale: func(r *rand.Rand, n int) any {
			return input{[]int{7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47}, n - 1}
		},
		Class: "n",
	})
}
