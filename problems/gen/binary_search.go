package gen

import (
	"math"
	"math/rand"
	"sort"
)

func init() {
	type input struct {
		Nums   []int `json:"nums"`
		Target int   `json:"target"`
	}
	sorted := func(r *rand.Rand, n, lo, hi int) []int {
		v := Distinct(r, n, lo, hi)
		sort.Ints(v)
		return v
	}
	Register("binary-search", Generator{
		Valid: Check(func(in input) error {
			if err := All(Len("nums", len(in.Nums), 1, 10_000), EachIn("nums", in.Nums, math.MinInt32, math.MaxInt32),
				Range("target", in.Target, math.MinInt32, math.MaxInt32)); err != nil {
				return err
			}
			for i := 1; i < len(in.Nums); i++ {
				if in.Nums[i] <= in.Nums[i-1] {
					return Errorf("nums is not strictly increasing at %d", i)
				}
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 3 {
				nums := sorted(r, 1+r.Intn(30), -100, 100)
				out = append(out, Case{Name: "random present " + string(rune('a'+k)), Input: input{nums, nums[r.Intn(len(nums))]}})
			}
			nums := sorted(r, 25, -1000, 1000)
			t := 1001
			for _, c := range []int{nums[0] - 1, nums[len(nums)-1] + 1, nums[3] + 1} {
				if sort.SearchInts(nums, c) == len(nums) || nums[sort.SearchInts(nums, c)] != c {
					t = c
					break
				}
			}
			out = append(out, Case{Name: "random absent", Input: input{nums, t}})
			wide := sorted(r, 500, math.MinInt32, math.MaxInt32)
			out = append(out, Case{Name: "random wide values", Input: input{wide, wide[r.Intn(500)]}})
			return out
		},
		Sizes: []int{625, 1250, 2500, 5000, 10000},
		Scale: func(r *rand.Rand, n int) any {
			nums := sorted(r, n, -1_000_000_000, 1_000_000_000)
			return input{nums, nums[n-1]}
		},
		Class: "log n",
	})
}
