package gen

import "math/rand"

func init() {
	type input struct {
		Head []int `json:"head"`
	}
	Register("middle-of-the-linked-list", Generator{
		Valid: Check(func(in input) error {
			return All(Len("head", len(in.Head), 1, 50_000), EachIn("head", in.Head, 0, 100_000))
		}),
		Tests: func(r *rand.Rand) []Case {
			return []Case{
				{Name: "random odd length", Input: input{Ints(r, 11, 0, 100)}},
				{Name: "random even length", Input: input{Ints(r, 14, 0, 100)}},
				{Name: "random repeated values", Input: input{Ints(r, 31, 1, 2)}},
				{Name: "random wide values", Input: input{Ints(r, 100, 0, 100_000)}},
				{Name: "random large even", Input: input{Ints(r, 30_000, 0, 999)}, Large: true},
			}
		},
		Sizes: []int{3125, 6250, 12500, 25000, 50000},
		Scale: func(r *rand.Rand, n int) any { return input{Ints(r, n, 0, 100_000)} },
		Class: "n",
	})
}
