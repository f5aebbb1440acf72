package gen

import "math/rand"

func init() {
	type input struct {
		Head []int `json:"head"`
		N    int   `json:"n"`
	}
	Register("remove-nth-node-from-end-of-list", Generator{
		Valid: Check(func(in input) error {
			return All(Len("head", len(in.Head), 1, 30_000), EachIn("head", in.Head, 0, 1000), Range("n", in.N, 1, len(in.Head)))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 3 {
				h := Ints(r, 2+r.Intn(20), 0, 1000)
				out = append(out, Case{Name: "random middle " + string(rune('a'+k)), Input: input{h, 1 + r.Intn(len(h))}})
			}
			h := Ints(r, 17, 0, 1000)
			out = append(out, Case{Name: "random remove head", Input: input{h, len(h)}})
			h = Ints(r, 23, 0, 1000)
			out = append(out, Case{Name: "random remove tail", Input: input{h, 1}})
			h = Ints(r, 40, 5, 6)
			out = append(out, Case{Name: "random repeated values", Input: input{h, 1 + r.Intn(40)}})
			h = Ints(r, 20_000, 0, 99)
			out = append(out, Case{Name: "random large", Input: input{h, 1 + r.Intn(20_000)}, Large: true})
			return out
		},
		Sizes: []int{1875, 3750, 7500, 15000, 30000},
		Scale: func(r *rand.Rand, n int) any { return input{Ints(r, n, 0, 1000), n / 2} },
		Class: "n",
	})
}
