package gen

import (
	"math"
	"math/rand"
	"slices"
	"sort"
)

func init() {
	type input struct {
		Nums   []int `json:"nums"`
		Target int   `json:"target"`
	}
	rotated := func(r *rand.Rand, n, lo, hi, by int) []int {
		v := Distinct(r, n, lo, hi)
		sort.Ints(v)
		return append(v[by:], v[:by]...)
	}
	Register("search-in-rotated-sorted-array", Generator{
		Valid: Check(func(in input) error {
			if err := All(Len("nums", len(in.Nums), 1, 10_000), EachIn("nums", in.Nums, math.MinInt32, math.MaxInt32),
				Range("target", in.Target, math.MinInt32, math.MaxInt32)); err != nil {
				return err
			}
			drops := 0
			for i := 1; i < len(in.Nums); i++ {
				if in.Nums[i] == in.Nums[i-1] {
					return Errorf("nums repeats a value at %d", i)
				}
				if in.Nums[i] < in.Nums[i-1] {
					drops++
				}
			}
			if drops > 1 || drops == 1 && in.Nums[len(in.Nums)-1] > in.Nums[0] {
				return Errorf("nums is not a rotated sorted array")
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				n := 1 + r.Intn(30)
				nums := rotated(r, n, -100, 100, r.Intn(n))
				out = append(out, Case{Name: "random present " + string(rune('a'+k)), Input: input{nums, nums[r.Intn(n)]}})
			}
			for k := range 2 {
				n := 2 + r.Intn(30)
				nums := rotated(r, n, -100, 100, r.Intn(n))
				t := -101 + r.Intn(203)
				for slices.Contains(nums, t) {
					t = -101 + r.Intn(203)
				}
				out = append(out, Case{Name: "random absent " + string(rune('a'+k)), Input: input{nums, t}})
			}
			wide := rotated(r, 500, math.MinInt32, math.MaxInt32, 1+r.Intn(499))
			out = append(out, Case{Name: "random wide values", Input: input{wide, wide[r.Intn(500)]}})
			big := rotated(r, 10_000, -1_000_000, 1_000_000, 1+r.Intn(9999))
			out = append(out, Case{Name: "random large", Input: input{big, big[r.Intn(10_000)]}, Large: true})
			return out
		},
		Sizes: []int{625, 1250, 2500, 5000, 10000},
		Scale: func(r *rand.Rand, n int) any {
			nums := rotated(r, n, -1_000_000_000, 1_000_000_000, n/3)
			return input{nums, nums[n/3-1]}
		},
		Class: "log n",
	})
}
