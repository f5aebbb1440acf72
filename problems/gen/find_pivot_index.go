package gen

import "math/rand"

// find-pivot-index: random arrays (some with a planted pivot, some of small
// values where pivots come by chance); the probe feeds an even number of
// ones, which has no pivot, the worst case of summing both sides per index.
func init() {
	type input struct {
		Nums []int `json:"nums"`
	}
	const lim = 1000
	// planted returns l random values, a pivot value, and r random values
	// whose sum equals the first l's (the last one adjusted to fit).
	planted := func(r *rand.Rand, l, rr, hi int) []int {
		left := Ints(r, l, -hi, hi)
		sum := 0
		for _, v := range left {
			sum += v
		}
		for {
			right := Ints(r, rr, -hi, hi)
			rs := 0
			for _, v := range right[:rr-1] {
				rs += v
			}
			if last := sum - rs; last >= -lim && last <= lim {
				right[rr-1] = last
				return append(append(left, r.Intn(2*hi+1)-hi), right...)
			}
		}
	}
	Register("find-pivot-index", Generator{
		Valid: Check(func(in input) error {
			return All(Len("nums", len(in.Nums), 1, 100_000), EachIn("nums", in.Nums, -lim, lim))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 3 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{Ints(r, 1+r.Intn(12), -2, 2)}})
			}
			for k := range 2 {
				out = append(out, Case{Name: "random planted pivot " + string(rune('a'+k)), Input: input{planted(r, 1+r.Intn(30), 1+r.Intn(30), 50)}})
			}
			out = append(out, Case{Name: "random wide values", Input: input{Ints(r, 400, -lim, lim)}})
			out = append(out, Case{Name: "random wide planted pivot", Input: input{planted(r, 150, 250, lim)}})
			return out
		},
		Sizes: []int{1000, 2000, 4000, 8000, 16000, 32000, 64000},
		Scale: func(r *rand.Rand, n int) any {
			nums := make([]int, n-n%2)
			for i := range nums {
				nums[i] = 1
			}
			return input{nums}
		},
		Class: "n",
	})
}
