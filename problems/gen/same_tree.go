package gen

import "math/rand"

// same-tree: pairs of random trees that are equal, differ in one value,
// or differ by one extra leaf, plus unrelated pairs.
func init() {
	type input struct {
		P []*int `json:"p"`
		Q []*int `json:"q"`
	}
	type pair struct {
		P []any `json:"p"`
		Q []any `json:"q"`
	}
	const lim = 10_000
	// nodes lists a tree's nodes in level order.
	nodes := func(root *tnode) []*tnode {
		if root == nil {
			return nil
		}
		out := []*tnode{root}
		for i := 0; i < len(out); i++ {
			for _, c := range []*tnode{out[i].L, out[i].R} {
				if c != nil {
					out = append(out, c)
				}
			}
		}
		return out
	}
	// variant returns t unchanged (kind 0), with one value changed (1), or
	// with one leaf added (2).
	variant := func(r *rand.Rand, t []any, kind int) []any {
		root, _, _, _ := parseTree(ptrs(t))
		ns := nodes(root)
		switch kind {
		case 1:
			nd := ns[r.Intn(len(ns))]
			nd.Val = -lim + (nd.Val+lim+1+r.Intn(2*lim))%(2*lim+1)
		case 2:
			for {
				nd := ns[r.Intn(len(ns))]
				if nd.L == nil {
					nd.L = &tnode{Val: r.Intn(2*lim+1) - lim}
					break
				}
				if nd.R == nil {
					nd.R = &tnode{Val: r.Intn(2*lim+1) - lim}
					break
				}
			}
		}
		return serialiseTree(root)
	}
	Register("same-tree", Generator{
		Valid: Check(func(in input) error {
			_, n, _, err := parseTree(in.P)
			if err != nil {
				return Errorf("p: %v", err)
			}
			_, m, _, err := parseTree(in.Q)
			if err != nil {
				return Errorf("q: %v", err)
			}
			return All(Range("nodes of p", n, 0, 10_000), Range("nodes of q", m, 0, 10_000),
				EachIn("p", treeValues(in.P), -lim, lim), EachIn("q", treeValues(in.Q), -lim, lim))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k, n := range []int{3, 8, 20, 50, 120, 400} {
				p := Tree(r, n, -3, 3)
				out = append(out, Case{Name: "random pair " + string(rune('a'+k)), Input: pair{p, variant(r, p, k%3)}})
			}
			out = append(out, Case{Name: "unrelated random trees", Input: pair{Tree(r, 30, -lim, lim), Tree(r, 30, -lim, lim)}})
			p := Tree(r, 5000, -9, 9)
			out = append(out, Case{Name: "equal random trees of 5000 nodes", Input: pair{p, p}, Large: true})
			return out
		},
		Sizes: []int{500, 1000, 2000, 4000, 8000},
		Scale: func(r *rand.Rand, n int) any { p := Tree(r, n, -lim, lim); return pair{p, p} },
		Class: "n",
	})
}
