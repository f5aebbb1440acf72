package gen

import "math/rand"

// contains-duplicate: random arrays with and without a repeated value; the
// probe feeds distinct values, the worst case of comparing every pair.
func init() {
	type input struct {
		Nums []int `json:"nums"`
	}
	const lim = 1_000_000_000
	// withRepeat returns n distinct values from [lo, hi] with one of them
	// copied over another position.
	withRepeat := func(r *rand.Rand, n, lo, hi int) []int {
		nums := Distinct(r, n, lo, hi)
		i := r.Intn(n)
		j := r.Intn(n - 1)
		if j >= i {
			j++
		}
		nums[j] = nums[i]
		return nums
	}
	Register("contains-duplicate", Generator{
		Valid: Check(func(in input) error {
			return All(Len("nums", len(in.Nums), 1, 100_000), EachIn("nums", in.Nums, -lim, lim))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 3 {
				n := 2 + r.Intn(30)
				out = append(out, Case{Name: "random small distinct " + string(rune('a'+k)), Input: input{Distinct(r, n, -100, 100)}})
				out = append(out, Case{Name: "random small repeated " + string(rune('a'+k)), Input: input{withRepeat(r, n, -100, 100)}})
			}
			out = append(out, Case{Name: "random tiny range", Input: input{Ints(r, 40, -3, 3)}})
			out = append(out, Case{Name: "random wide distinct", Input: input{Distinct(r, 300, -lim, lim)}})
			out = append(out, Case{Name: "random wide repeated", Input: input{withRepeat(r, 300, -lim, lim)}})
			return out
		},
		Sizes: []int{1000, 2000, 4000, 8000, 16000, 32000, 64000},
		Scale: func(r *rand.Rand, n int) any { return input{Distinct(r, n, -lim, lim)} },
		Class: "n",
	})
}
