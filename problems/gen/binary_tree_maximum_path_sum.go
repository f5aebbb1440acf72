package gen

import "math/rand"

// binary-tree-maximum-path-sum: random trees with mixed, mostly negative
// and all-negative values; the probe uses chains, where recomputing
// downward gains per node is quadratic.
func init() {
	type input struct {
		Root []*int `json:"root"`
	}
	type tree struct {
		Root []any `json:"root"`
	}
	Register("binary-tree-maximum-path-sum", Generator{
		Valid: Check(func(in input) error {
			_, n, _, err := parseTree(in.Root)
			if err != nil {
				return err
			}
			return All(Range("nodes", n, 1, 20_000), EachIn("Node.val", treeValues(in.Root), -1000, 1000))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k, n := range []int{2, 6, 15, 50, 200, 1000} {
				out = append(out, Case{Name: "random tree " + string(rune('a'+k)), Input: tree{Tree(r, n, -1000, 1000)}})
			}
			out = append(out, Case{Name: "random tree, mostly negative", Input: tree{Tree(r, 120, -1000, 200)}})
			out = append(out, Case{Name: "random tree, all negative", Input: tree{Tree(r, 80, -1000, -1)}})
			out = append(out, Case{Name: "random chain", Input: tree{chainTree(r, Ints(r, 300, -50, 60), 3)}})
			return out
		},
		Sizes: []int{1000, 2000, 4000, 8000, 16000},
		Scale: func(r *rand.Rand, n int) any { return tree{chainTree(r, Ints(r, n, -1000, 1000), 3)} },
		Class: "n",
	})
}
