package gen

import (
	"math/rand"
	"sort"
)

// kth-smallest-element-in-a-bst: random search trees over [-10^9, 10^9]
// with k anywhere from 1 to n; the probe asks for the largest value of a
// tree leaning left, so the walk cannot stop early.
func init() {
	type input struct {
		Root []*int `json:"root"`
		K    int    `json:"k"`
	}
	type query struct {
		Root []any `json:"root"`
		K    int   `json:"k"`
	}
	const lim = 1_000_000_000
	sorted := func(r *rand.Rand, n int) []int {
		vs := Distinct(r, n, -lim, lim)
		sort.Ints(vs)
		return vs
	}
	Register("kth-smallest-element-in-a-bst", Generator{
		Valid: Check(func(in input) error {
			root, n, _, err := parseTree(in.Root)
			if err != nil {
				return err
			}
			if err := All(Range("nodes", n, 1, 20_000), Range("k", in.K, 1, n), EachIn("Node.val", treeValues(in.Root), -lim, lim)); err != nil {
				return err
			}
			prev, first := 0, true
			stack := []*tnode{}
			for cur := root; cur != nil || len(stack) > 0; {
				for cur != nil {
					stack = append(stack, cur)
					cur = cur.L
				}
				cur = stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if !first && cur.Val <= prev {
					return Errorf("not a search tree with distinct values: %d follows %d in order", cur.Val, prev)
				}
				prev, first = cur.Val, false
				cur = cur.R
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k, n := range []int{1, 3, 7, 20, 64, 250, 800} {
				out = append(out, Case{Name: "random tree " + string(rune('a'+k)), Input: query{bstOf(r, sorted(r, n), 1), 1 + r.Intn(n)}})
			}
			out = append(out, Case{Name: "random tree, k = n", Input: query{bstOf(r, sorted(r, 300), 1), 300}})
			return out
		},
		Sizes: []int{1000, 2000, 4000, 8000, 16000},
		Scale: func(r *rand.Rand, n int) any {
			vs := sorted(r, n)
			for i, j := 0, n-1; i < j; i, j = i+1, j-1 {
				vs[i], vs[j] = vs[j], vs[i]
			}
			return query{chainTree(r, vs, 0), n}
		},
		Class: "n",
	})
}
