package gen

import (
	"math/rand"
	"sort"
)

// lowest-common-ancestor-of-a-bst: random search trees over
// [-10^9, 10^9] with p and q drawn from their values (equal, one above the
// other, or apart); the probe asks for the two deepest nodes of a chain.
func init() {
	type input struct {
		Root []*int `json:"root"`
		P    int    `json:"p"`
		Q    int    `json:"q"`
	}
	type query struct {
		Root []any `json:"root"`
		P    int   `json:"p"`
		Q    int   `json:"q"`
	}
	const lim = 1_000_000_000
	sorted := func(r *rand.Rand, n int) []int {
		vs := Distinct(r, n, -lim, lim)
		sort.Ints(vs)
		return vs
	}
	Register("lowest-common-ancestor-of-a-bst", Generator{
		Valid: Check(func(in input) error {
			root, n, _, err := parseTree(in.Root)
			if err != nil {
				return err
			}
			if err := All(Range("nodes", n, 2, 20_000), EachIn("Node.val", treeValues(in.Root), -lim, lim)); err != nil {
				return err
			}
			// In order, the values must strictly increase (a search tree
			// with distinct values); p and q must be among them.
			var vals []int
			stack := []*tnode{}
			for cur := root; cur != nil || len(stack) > 0; {
				for cur != nil {
					stack = append(stack, cur)
					cur = cur.L
				}
				cur = stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				vals = append(vals, cur.Val)
				cur = cur.R
			}
			for i := 1; i < len(vals); i++ {
				if vals[i] <= vals[i-1] {
					return Errorf("not a search tree with distinct values: %d follows %d in order", vals[i], vals[i-1])
				}
			}
			for _, x := range []int{in.P, in.Q} {
				if k := sort.SearchInts(vals, x); k == len(vals) || vals[k] != x {
					return Errorf("%d is not a value of the tree", x)
				}
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k, n := range []int{2, 5, 12, 40, 150, 600, 2000} {
				vs := sorted(r, n)
				p, q := vs[r.Intn(n)], vs[r.Intn(n)]
				out = append(out, Case{Name: "random tree " + string(rune('a'+k)), Input: query{bstOf(r, vs, 1), p, q}})
			}
			vs := sorted(r, 255)
			out = append(out, Case{Name: "balanced tree, extreme pair", Input: query{bstOf(r, vs, 0), vs[254], vs[0]}})
			return out
		},
		Sizes: []int{1000, 2000, 4000, 8000, 16000},
		Scale: func(r *rand.Rand, n int) any {
			vs := sorted(r, n)
			return query{chainTree(r, vs, 1), vs[n-1], vs[n-2]}
		},
		Class: "n",
	})
}
