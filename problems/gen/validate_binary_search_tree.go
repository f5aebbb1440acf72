package gen

import (
	"math"
	"math/rand"
	"sort"
)

// validate-binary-search-tree: random search trees over the whole int32
// range (often holding its two ends), and the same trees broken by
// swapping two values or by repeating one.
func init() {
	type input struct {
		Root []*int `json:"root"`
	}
	type tree struct {
		Root []any `json:"root"`
	}
	// sortedVals draws n distinct values from the whole range, with both
	// ends included when ends is set.
	sortedVals := func(r *rand.Rand, n int, ends bool) []int {
		vs := Distinct(r, n, math.MinInt32, math.MaxInt32)
		if ends && n >= 2 {
			vs[0], vs[1] = math.MinInt32, math.MaxInt32
			seen := map[int]bool{}
			for i, v := range vs {
				for seen[v] {
					v = r.Intn(2_000_000_000) - 1_000_000_000
				}
				seen[v] = true
				vs[i] = v
			}
		}
		sort.Ints(vs)
		return vs
	}
	// broken swaps two values of a level-order list (kind 0) or copies one
	// over another (kind 1).
	broken := func(r *rand.Rand, t []any, kind int) []any {
		var idx []int
		for i, v := range t {
			if v != nil {
				idx = append(idx, i)
			}
		}
		a, b := idx[r.Intn(len(idx))], idx[r.Intn(len(idx))]
		for a == b {
			b = idx[r.Intn(len(idx))]
		}
		out := append([]any(nil), t...)
		if kind == 0 {
			out[a], out[b] = out[b], out[a]
		} else {
			out[b] = out[a]
		}
		return out
	}
	Register("validate-binary-search-tree", Generator{
		Valid: Check(func(in input) error {
			_, n, _, err := parseTree(in.Root)
			if err != nil {
				return err
			}
			return Range("nodes", n, 1, 20_000)
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k, n := range []int{3, 8, 30, 200} {
				out = append(out, Case{Name: "random valid tree " + string(rune('a'+k)), Input: tree{bstOf(r, sortedVals(r, n, k%2 == 0), 1)}})
			}
			for k, n := range []int{4, 12, 60, 300} {
				t := bstOf(r, sortedVals(r, n, k%2 == 1), 1)
				out = append(out, Case{Name: "random broken tree " + string(rune('a'+k)), Input: tree{broken(r, t, k%2)}})
			}
			out = append(out, Case{Name: "random balanced tree with both ends", Input: tree{bstOf(r, sortedVals(r, 1023, true), 0)}})
			return out
		},
		Sizes: []int{1000, 2000, 4000, 8000, 16000},
		// An increasing chain: valid, and as deep as it gets.
		Scale: func(r *rand.Rand, n int) any {
			return tree{chainTree(r, sortedVals(r, n, true), 1)}
		},
		Class: "n",
	})
}
