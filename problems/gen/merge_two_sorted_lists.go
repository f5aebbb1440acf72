package gen

import (
	"math/rand"
	"sort"
)

func init() {
	type input struct {
		List1 []int `json:"list1"`
		List2 []int `json:"list2"`
	}
	sorted := func(r *rand.Rand, n, lo, hi int) []int {
		v := Ints(r, n, lo, hi)
		sort.Ints(v)
		return v
	}
	nondecreasing := func(field string, v []int) error {
		for i := 1; i < len(v); i++ {
			if v[i] < v[i-1] {
				return Errorf("%s is not sorted at %d", field, i)
			}
		}
		return nil
	}
	Register("merge-two-sorted-lists", Generator{
		Valid: Check(func(in input) error {
			return All(Len("list1", len(in.List1), 0, 10_000), Len("list2", len(in.List2), 0, 10_000),
				EachIn("list1", in.List1, -100_000, 100_000), EachIn("list2", in.List2, -100_000, 100_000),
				nondecreasing("list1", in.List1), nondecreasing("list2", in.List2))
		}),
		Tests: func(r *rand.Rand) []Case {
			return []Case{
				{Name: "random short lists", Input: input{sorted(r, 7, -20, 20), sorted(r, 5, -20, 20)}},
				{Name: "random many duplicates", Input: input{sorted(r, 25, 0, 3), sorted(r, 18, 0, 3)}},
				{Name: "random one empty", Input: input{[]int{}, sorted(r, 12, -100_000, 100_000)}},
				{Name: "random uneven lengths", Input: input{sorted(r, 3, -1000, 1000), sorted(r, 60, -1000, 1000)}},
				{Name: "random wide values", Input: input{sorted(r, 40, -100_000, 100_000), sorted(r, 40, -100_000, 100_000)}},
				{Name: "random large interleaved", Input: input{sorted(r, 6000, -10_000, 10_000), sorted(r, 6000, -10_000, 10_000)}, Large: true},
			}
		},
		Sizes: []int{1000, 2000, 4000, 8000, 16000},
		Scale: func(r *rand.Rand, n int) any {
			return input{sorted(r, n/2, -100_000, 100_000), sorted(r, n-n/2, -100_000, 100_000)}
		},
		Class: "n",
	})
}
