package gen

import "math/rand"

// product-of-array-except-self: random arrays of small values whose
// prefix and suffix products stay within 32 bits, with no, one or several
// zeros; the probe feeds signs with one zero, where multiplying every other
// element per index cannot stop early.
func init() {
	type input struct {
		Nums []int `json:"nums"`
	}
	const lim = 30
	fits := func(nums []int) error {
		check := func(order func(k int) int) error {
			p := int64(1)
			for k := range nums {
				p *= int64(order(k))
				if p < -1<<31 || p > 1<<31-1 {
					return Errorf("a product over %d elements is %d, outside 32 bits", k+1, p)
				}
			}
			return nil
		}
		return All(check(func(k int) int { return nums[k] }), check(func(k int) int { return nums[len(nums)-1-k] }))
	}
	// draw returns n values: signs, with big values (|v| <= hi) at random
	// positions while the total magnitude stays under 2^31, and zeros zeros.
	draw := func(r *rand.Rand, n, hi, zeros int) []int {
		nums := make([]int, n)
		mag := int64(1)
		for i := range nums {
			nums[i] = 1 - 2*r.Intn(2)
			if r.Intn(3) == 0 {
				v := int64(1 + r.Intn(hi))
				if mag*v < 1<<31 {
					mag *= v
					nums[i] *= int(v)
				}
			}
		}
		for range zeros {
			nums[r.Intn(n)] = 0
		}
		return nums
	}
	Register("product-of-array-except-self", Generator{
		Valid: Check(func(in input) error {
			return All(Len("nums", len(in.Nums), 2, 100_000), EachIn("nums", in.Nums, -lim, lim), fits(in.Nums))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k, z := range []int{0, 0, 1, 2} {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{draw(r, 2+r.Intn(12), 9, z)}})
			}
			out = append(out, Case{Name: "random big values", Input: input{draw(r, 20, lim, 0)}})
			out = append(out, Case{Name: "random 500 with one zero", Input: input{draw(r, 500, 5, 1)}})
			out = append(out, Case{Name: "random 500 no zero", Input: input{draw(r, 500, 4, 0)}})
			return out
		},
		Sizes: []int{1000, 2000, 4000, 8000, 16000, 32000, 64000},
		Scale: func(r *rand.Rand, n int) any {
			nums := draw(r, n, 1, 0)
			nums[n/3] = 0
			return input{nums}
		},
		Class: "n",
	})
}
