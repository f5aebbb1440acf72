package gen

import (
	"math/rand"
	"sort"
)

func init() {
	type input struct {
		Nums []int `json:"nums"`
		K    int   `json:"k"`
	}
	// counts returns the distinct values' counts, most frequent first.
	counts := func(nums []int) []int {
		c := map[int]int{}
		for _, v := range nums {
			c[v]++
		}
		out := make([]int, 0, len(c))
		for _, n := range c {
			out = append(out, n)
		}
		sort.Sort(sort.Reverse(sort.IntSlice(out)))
		return out
	}
	// draw makes an input whose answer is unique: value i appears with a
	// count of its own, so the k most frequent are never tied with the next.
	draw := func(r *rand.Rand, distinct, k, lo, hi int) input {
		vals := Distinct(r, distinct, lo, hi)
		var nums []int
		for i, v := range vals {
			for range i + 1 {
				nums = append(nums, v)
			}
		}
		r.Shuffle(len(nums), func(i, j int) { nums[i], nums[j] = nums[j], nums[i] })
		return input{nums, k}
	}
	Register("top-k-frequent-elements", Generator{
		Valid: Check(func(in input) error {
			if err := All(Len("nums", len(in.Nums), 1, 100_000), EachIn("nums", in.Nums, -10_000, 10_000)); err != nil {
				return err
			}
			c := counts(in.Nums)
			if err := Range("k", in.K, 1, len(c)); err != nil {
				return err
			}
			if in.K < len(c) && c[in.K-1] == c[in.K] {
				return Errorf("the answer is not unique: the %dth and %dth most frequent values tie", in.K, in.K+1)
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			return []Case{
				{Name: "random few values", Input: draw(r, 4, 2, -10, 10)},
				{Name: "random k is all", Input: draw(r, 6, 6, -10_000, 10_000)},
				{Name: "random k is one", Input: draw(r, 12, 1, -50, 50)},
				{Name: "random negatives", Input: draw(r, 20, 7, -10_000, -1)},
			}
		},
		Sizes: []int{3000, 6000, 12000, 24000, 48000, 96000},
		// n numbers over about sqrt(2n) values with distinct counts.
		Scale: func(r *rand.Rand, n int) any {
			d := 1
			for (d+1)*(d+2)/2 <= n {
				d++
			}
			return draw(r, d, d/2, -10_000, 10_000)
		},
		Class: "n",
	})
}
