package gen

import "math/rand"

// single-number: every value twice but one; the probe's inputs put the
// lonely value last, the worst case of a search for each value's partner.
func init() {
	type input struct {
		Nums []int `json:"nums"`
	}
	const lim = 30_000
	// draw draws pairs of distinct values from [lo, hi] plus one lonely
	// value, shuffled; last keeps the lonely value at the end.
	draw := func(r *rand.Rand, n, lo, hi int, last bool) input {
		vals := Distinct(r, n/2+1, lo, hi)
		lonely := vals[0]
		nums := append(append([]int{}, vals[1:]...), vals[1:]...)
		r.Shuffle(len(nums), func(i, j int) { nums[i], nums[j] = nums[j], nums[i] })
		if last {
			return input{Nums: append(nums, lonely)}
		}
		k := r.Intn(len(nums) + 1)
		nums = append(nums[:k], append([]int{lonely}, nums[k:]...)...)
		return input{Nums: nums}
	}
	Register("single-number", Generator{
		Valid: Check(func(in input) error {
			n := len(in.Nums)
			if err := All(Len("nums", n, 1, 40_000), EachIn("nums", in.Nums, -lim, lim)); err != nil {
				return err
			}
			count := map[int]int{}
			for _, v := range in.Nums {
				count[v]++
			}
			once := 0
			for v, c := range count {
				switch c {
				case 1:
					once++
				case 2:
				default:
					return Errorf("%d occurs %d times, want once or twice", v, c)
				}
			}
			if once != 1 {
				return Errorf("%d values occur once, want exactly one", once)
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				n := 2*r.Intn(12) + 1
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: draw(r, n, -20, 20, false)})
			}
			out = append(out, Case{Name: "random wide values", Input: draw(r, 2001, -lim, lim, false)})
			out = append(out, Case{Name: "random 1 501 values, lonely last", Input: draw(r, 1501, -lim, lim, true)})
			return out
		},
		Sizes: []int{1001, 2001, 4001, 8001, 16001, 32001},
		Scale: func(r *rand.Rand, n int) any { return draw(r, n, -lim, lim, true) },
		Class: "n",
	})
}
