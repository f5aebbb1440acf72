package gen

import "math/rand"

func init() {
	type input struct {
		Nums []int `json:"nums"`
	}
	// trap is the worst case of the quadratic reachability scans: m long
	// jumps that all land in a run of zeros nothing can cross.
	trap := func(n, m int) []int {
		v := make([]int, n)
		for i := range m {
			v[i] = n - m - 1
		}
		v[n-1] = 1
		return v
	}
	Register("jump-game", Generator{
		Valid: Check(func(in input) error {
			return All(Len("nums", len(in.Nums), 1, 100_000), EachIn("nums", in.Nums, 0, 100_000))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{Ints(r, 5+r.Intn(20), 0, 3)}})
			}
			v := Ints(r, 300, 1, 5)
			v[150+r.Intn(100)] = 0
			out = append(out, Case{Name: "random zero crossed", Input: input{v}})
			v = Ints(r, 2000, 0, 2)
			out = append(out, Case{Name: "random sparse jumps", Input: input{v}})
			out = append(out, Case{Name: "random large trap", Input: input{trap(100_000, 12_000+r.Intn(100))}, Large: true})
			return out
		},
		Sizes: []int{6250, 12500, 25000, 50000, 100000},
		Scale: func(r *rand.Rand, n int) any { return input{trap(n, n/8)} },
		Class: "n",
	})
}
