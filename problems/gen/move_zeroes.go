package gen

import "math/rand"

// move-zeroes: random arrays with few, many or no zeros; the probe puts
// three quarters zeros first, the worst case of shifting once per zero.
func init() {
	type input struct {
		Nums []int `json:"nums"`
	}
	const lo, hi = -1 << 31, 1<<31 - 1
	// sprinkle draws n values from [a, b] and turns each into a zero with
	// probability p percent.
	sprinkle := func(r *rand.Rand, n, a, b, p int) []int {
		nums := Ints(r, n, a, b)
		for i := range nums {
			if r.Intn(100) < p {
				nums[i] = 0
			}
		}
		return nums
	}
	Register("move-zeroes", Generator{
		Valid: Check(func(in input) error {
			return All(Len("nums", len(in.Nums), 1, 100_000), EachIn("nums", in.Nums, lo, hi))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k, p := range []int{10, 50, 90} {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{sprinkle(r, 1+r.Intn(25), -9, 9, p)}})
			}
			out = append(out, Case{Name: "random wide values", Input: input{sprinkle(r, 300, lo, hi, 30)}})
			out = append(out, Case{Name: "random mostly zeros", Input: input{sprinkle(r, 200, -100, 100, 95)}})
			return out
		},
		Sizes: []int{1000, 2000, 4000, 8000, 16000, 32000, 64000},
		Scale: func(r *rand.Rand, n int) any {
			nums := make([]int, n)
			for i := n * 3 / 4; i < n; i++ {
				nums[i] = 1 + r.Intn(9)
			}
			return input{nums}
		},
		Class: "n",
	})
}
