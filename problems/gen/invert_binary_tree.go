package gen

import "math/rand"

// invert-binary-tree: random shapes (bushy, chains) with values in
// [-100, 100]; the probe mirrors random trees of growing size.
func init() {
	type input struct {
		Root []*int `json:"root"`
	}
	type tree struct {
		Root []any `json:"root"`
	}
	Register("invert-binary-tree", Generator{
		Valid: Check(func(in input) error {
			_, n, _, err := parseTree(in.Root)
			if err != nil {
				return err
			}
			return All(Range("nodes", n, 0, 10_000), EachIn("Node.val", treeValues(in.Root), -100, 100))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k, n := range []int{2, 6, 15, 40, 300} {
				out = append(out, Case{Name: "random tree " + string(rune('a'+k)), Input: tree{Tree(r, n, -100, 100)}})
			}
			out = append(out, Case{Name: "random chain", Input: tree{chainTree(r, Ints(r, 60, -100, 100), 3)}})
			out = append(out, Case{Name: "random tree of 3000 nodes", Input: tree{Tree(r, 3000, -9, 9)}, Large: true})
			return out
		},
		Sizes: []int{500, 1000, 2000, 4000, 8000},
		Scale: func(r *rand.Rand, n int) any { return tree{Tree(r, n, -100, 100)} },
		Class: "n",
	})
}
