package gen

import "math/rand"

// subsets: distinct values in random order, negatives included.
func init() {
	type input struct {
		Nums []int `json:"nums"`
	}
	const maxN, lim = 12, 100
	Register("subsets", Generator{
		Valid: Check(func(in input) error {
			if err := All(Len("nums", len(in.Nums), 1, maxN), EachIn("nums", in.Nums, -lim, lim)); err != nil {
				return err
			}
			seen := map[int]bool{}
			for i, v := range in.Nums {
				if seen[v] {
					return Errorf("nums[%d] = %d repeats a value; values must be distinct", i, v)
				}
				seen[v] = true
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{Nums: Distinct(r, 1+r.Intn(5), -10, 10)}})
			}
			out = append(out, Case{Name: "random seven wide values", Input: input{Nums: Distinct(r, 7, -lim, lim)}})
			out = append(out, Case{Name: "random nine", Input: input{Nums: Distinct(r, 9, -lim, lim)}})
			return out
		},
		Sizes: []int{8, 9, 10, 11, 12},
		Scale: func(r *rand.Rand, n int) any { return input{Nums: Distinct(r, n, -lim, lim)} },
		Class: "2^n",
	})
}
