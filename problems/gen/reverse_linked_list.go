package gen

import "math/rand"

func init() {
	type input struct {
		Head []int `json:"head"`
	}
	Register("reverse-linked-list", Generator{
		Valid: Check(func(in input) error {
			return All(Len("head", len(in.Head), 0, 40_000), EachIn("head", in.Head, -5000, 5000))
		}),
		Tests: func(r *rand.Rand) []Case {
			return []Case{
				{Name: "random two nodes", Input: input{Ints(r, 2, -5000, 5000)}},
				{Name: "random short list", Input: input{Ints(r, 9, -10, 10)}},
				{Name: "random repeated values", Input: input{Ints(r, 30, 0, 2)}},
				{Name: "random extreme values", Input: input{Ints(r, 50, -5000, 5000)}},
			}
		},
		Sizes: []int{2500, 5000, 10000, 20000, 40000},
		Scale: func(r *rand.Rand, n int) any { return input{Ints(r, n, -5000, 5000)} },
		Class: "n",
	})
}
