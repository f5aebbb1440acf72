package gen

import "math/rand"

// binary-tree-level-order-traversal: random bushy trees and chains; the
// probe uses chains, where a walk from the root per level is quadratic.
func init() {
	type input struct {
		Root []*int `json:"root"`
	}
	type tree struct {
		Root []any `json:"root"`
	}
	Register("binary-tree-level-order-traversal", Generator{
		Valid: Check(func(in input) error {
			_, n, _, err := parseTree(in.Root)
			if err != nil {
				return err
			}
			return All(Range("nodes", n, 0, 30_000), EachIn("Node.val", treeValues(in.Root), -1000, 1000))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k, n := range []int{4, 10, 25, 80, 300} {
				out = append(out, Case{Name: "random tree " + string(rune('a'+k)), Input: tree{Tree(r, n, -1000, 1000)}})
			}
			out = append(out, Case{Name: "random chain", Input: tree{chainTree(r, Ints(r, 50, -1000, 1000), 3)}})
			out = append(out, Case{Name: "random balanced search tree", Input: tree{bstOf(r, Distinct(r, 127, -1000, 1000), 0)}})
			return out
		},
		Sizes: []int{1000, 2000, 4000, 8000, 16000},
		Scale: func(r *rand.Rand, n int) any { return tree{chainTree(r, Ints(r, n, -1000, 1000), 3)} },
		Class: "n",
	})
}
