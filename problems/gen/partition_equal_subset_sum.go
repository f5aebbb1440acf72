package gen

import "math/rand"

// partition-equal-subset-sum: up to 200 values of 1..100. Even values with
// an odd half can never be split, the worst case of trying every subset.
func init() {
	type input struct {
		Nums []int `json:"nums"`
	}
	// noSplit draws n even values whose total is twice an odd number.
	noSplit := func(r *rand.Rand, n int) input {
		for {
			nums := Ints(r, n, 1, 50)
			total := 0
			for i := range nums {
				nums[i] *= 2
				total += nums[i]
			}
			if total/2%2 == 1 {
				return input{Nums: nums}
			}
		}
	}
	Register("partition-equal-subset-sum", Generator{
		Valid: Check(func(in input) error {
			return All(Len("nums", len(in.Nums), 1, 200), EachIn("nums", in.Nums, 1, 100))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{Nums: Ints(r, 1+r.Intn(12), 1, 20)}})
			}
			out = append(out, Case{Name: "random small, no split", Input: noSplit(r, 9)})
			out = append(out, Case{Name: "random 150 values, no split", Input: noSplit(r, 150), Large: true})
			out = append(out, Case{Name: "random 200 values", Input: input{Nums: Ints(r, 200, 1, 100)}, Large: true})
			return out
		},
		Sizes: []int{12, 25, 50, 100, 200},
		Scale: func(r *rand.Rand, n int) any { return input{Nums: Ints(r, n, 1, 100)} },
		Class: "n^2",
	})
}
