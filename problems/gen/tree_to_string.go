package gen

import "math/rand"

// tree-to-string: random shapes and chains with values across
// [-1000, 1000] (minus signs and several digit counts).
func init() {
	type input struct {
		Root []*int `json:"root"`
	}
	type tree struct {
		Root []any `json:"root"`
	}
	Register("tree-to-string", Generator{
		Valid: Check(func(in input) error {
			_, n, _, err := parseTree(in.Root)
			if err != nil {
				return err
			}
			return All(Range("nodes", n, 0, 10_000), EachIn("Node.val", treeValues(in.Root), -1000, 1000))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k, n := range []int{2, 5, 9, 20, 60, 250} {
				out = append(out, Case{Name: "random tree " + string(rune('a'+k)), Input: tree{Tree(r, n, -1000, 1000)}})
			}
			out = append(out, Case{Name: "random chain", Input: tree{chainTree(r, Ints(r, 40, -1000, 1000), 3)}})
			out = append(out, Case{Name: "random tree of 3000 nodes", Input: tree{Tree(r, 3000, -99, 99)}, Large: true})
			return out
		},
		Sizes: []int{500, 1000, 2000, 4000, 8000},
		// Chains going left or right at random: the deepest trees, where
		// rebuilding strings by concatenation costs the most.
		Scale: func(r *rand.Rand, n int) any { return tree{chainTree(r, Ints(r, n, -1000, 1000), 3)} },
		Class: "n",
	})
}
