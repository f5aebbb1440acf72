package gen

import (
	"math/rand"
	"sort"
)

func init() {
	type input struct {
		Lists [][]int `json:"lists"`
	}
	// lists splits total sorted-by-construction values into k sorted lists.
	lists := func(r *rand.Rand, k, total, lo, hi int) [][]int {
		out := make([][]int, k)
		for range total {
			i := r.Intn(k)
			out[i] = append(out[i], lo+r.Intn(hi-lo+1))
		}
		for i := range out {
			if out[i] == nil {
				out[i] = []int{}
			}
			sort.Ints(out[i])
		}
		return out
	}
	// ascending is the worst case of merging the lists one at a time into
	// the result: k one-node lists in increasing order, so every merge walks
	// the whole result.
	ascending := func(r *rand.Rand, k, lo, hi int) [][]int {
		v := Ints(r, k, lo, hi)
		sort.Ints(v)
		out := make([][]int, k)
		for i, x := range v {
			out[i] = []int{x}
		}
		return out
	}
	Register("merge-k-sorted-lists", Generator{
		Valid: Check(func(in input) error {
			if err := Len("lists", len(in.Lists), 0, 30_000); err != nil {
				return err
			}
			total := 0
			for i, l := range in.Lists {
				total += len(l)
				if err := EachIn("lists[i]", l, -10_000, 10_000); err != nil {
					return err
				}
				for j := 1; j < len(l); j++ {
					if l[j] < l[j-1] {
						return Errorf("lists[%d] is not sorted at %d", i, j)
					}
				}
			}
			if total > 30_000 {
				return Errorf("%d nodes in all, over 30000", total)
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			return []Case{
				{Name: "random three lists", Input: input{lists(r, 3, 15, -50, 50)}},
				{Name: "random some empty", Input: input{lists(r, 8, 6, -10, 10)}},
				{Name: "random many duplicates", Input: input{lists(r, 5, 60, 0, 2)}},
				{Name: "random wide values", Input: input{lists(r, 20, 200, -10_000, 10_000)}},
				{Name: "random one long list", Input: input{lists(r, 1, 100, -10_000, 10_000)}},
				{Name: "random large ascending singletons", Input: input{ascending(r, 30_000, 0, 99)}, Large: true},
			}
		},
		Sizes: []int{1000, 2000, 4000, 8000, 16000},
		Scale: func(r *rand.Rand, n int) any { return input{ascending(r, n, -10_000, 10_000)} },
		Class: "n log n",
	})
}
