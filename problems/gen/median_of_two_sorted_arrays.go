package gen

import (
	"math/rand"
	"sort"
)

func init() {
	type input struct {
		Nums1 []int `json:"nums1"`
		Nums2 []int `json:"nums2"`
	}
	sorted := func(r *rand.Rand, n, lo, hi int) []int {
		v := Ints(r, n, lo, hi)
		sort.Ints(v)
		return v
	}
	const lim = 1_000_000
	Register("median-of-two-sorted-arrays", Generator{
		Valid: Check(func(in input) error {
			if err := All(Len("nums1", len(in.Nums1), 0, 10_000), Len("nums2", len(in.Nums2), 0, 10_000),
				Range("m + n", len(in.Nums1)+len(in.Nums2), 1, 20_000), EachIn("nums1", in.Nums1, -lim, lim), EachIn("nums2", in.Nums2, -lim, lim)); err != nil {
				return err
			}
			if !sort.IntsAreSorted(in.Nums1) || !sort.IntsAreSorted(in.Nums2) {
				return Errorf("nums1 and nums2 must be sorted")
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			return []Case{
				{Name: "random odd total", Input: input{sorted(r, 7, -20, 20), sorted(r, 4, -20, 20)}},
				{Name: "random even total", Input: input{sorted(r, 6, -5, 5), sorted(r, 8, -5, 5)}},
				{Name: "random one side empty", Input: input{[]int{}, sorted(r, 9, -lim, lim)}},
				{Name: "random many duplicates", Input: input{sorted(r, 40, 0, 3), sorted(r, 31, 0, 3)}},
				{Name: "random lopsided", Input: input{sorted(r, 2, -lim, lim), sorted(r, 300, -lim, lim)}},
			}
		},
		Sizes: []int{1250, 2500, 5000, 10000, 20000},
		Scale: func(r *rand.Rand, n int) any { return input{sorted(r, n/2, -lim, lim), sorted(r, n-n/2, -lim, lim)} },
		Class: "log n",
	})
}
