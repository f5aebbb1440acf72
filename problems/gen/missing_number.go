package gen

import "math/rand"

// missing-number: a permutation of 0..n with one value left out.
func init() {
	type input struct {
		Nums []int `json:"nums"`
	}
	// draw returns 0..n without missing, shuffled.
	draw := func(r *rand.Rand, n, missing int) input {
		nums := make([]int, 0, n)
		for v := 0; v <= n; v++ {
			if v != missing {
				nums = append(nums, v)
			}
		}
		r.Shuffle(n, func(i, j int) { nums[i], nums[j] = nums[j], nums[i] })
		return input{Nums: nums}
	}
	Register("missing-number", Generator{
		Valid: Check(func(in input) error {
			n := len(in.Nums)
			if err := All(Len("nums", n, 1, 50_000), EachIn("nums", in.Nums, 0, n)); err != nil {
				return err
			}
			seen := make([]bool, n+1)
			for _, v := range in.Nums {
				if seen[v] {
					return Errorf("%d occurs twice, want distinct values", v)
				}
				seen[v] = true
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				n := 1 + r.Intn(15)
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: draw(r, n, r.Intn(n+1))})
			}
			out = append(out, Case{Name: "random 200 values", Input: draw(r, 200, r.Intn(201))})
			out = append(out, Case{Name: "random 300 values, n missing", Input: draw(r, 300, 300)})
			return out
		},
		Sizes: []int{1000, 2000, 4000, 8000, 16000, 32000},
		Scale: func(r *rand.Rand, n int) any { return draw(r, n, n-1) },
		Class: "n",
	})
}
