package gen

import "math/rand"

// balanced-binary-tree: random balanced shapes (every node's subtree
// heights differ by at most one), the same with one leaf added at a random
// free spot (often no longer balanced), and plain random trees.
func init() {
	type input struct {
		Root []*int `json:"root"`
	}
	type tree struct {
		Root []any `json:"root"`
	}
	const lim = 10_000
	// balanced builds a random height-balanced tree of height h.
	var balanced func(r *rand.Rand, h int) *tnode
	balanced = func(r *rand.Rand, h int) *tnode {
		if h == 0 {
			return nil
		}
		nd := &tnode{Val: r.Intn(2*lim+1) - lim}
		lh, rh := h-1, h-1
		switch r.Intn(3) {
		case 1:
			lh = h - 2
		case 2:
			rh = h - 2
		}
		if h == 1 {
			lh, rh = 0, 0
		}
		nd.L, nd.R = balanced(r, lh), balanced(r, rh)
		return nd
	}
	// addLeaf hangs a new leaf off a random node with a free slot, found
	// by a random walk down from the root.
	addLeaf := func(r *rand.Rand, root *tnode) {
		for nd := root; ; {
			side := r.Intn(2)
			next := &nd.L
			if side == 1 {
				next = &nd.R
			}
			if *next == nil {
				*next = &tnode{Val: r.Intn(2*lim+1) - lim}
				return
			}
			nd = *next
		}
	}
	Register("balanced-binary-tree", Generator{
		Valid: Check(func(in input) error {
			_, n, _, err := parseTree(in.Root)
			if err != nil {
				return err
			}
			return All(Range("nodes", n, 0, 10_000), EachIn("Node.val", treeValues(in.Root), -lim, lim))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k, h := range []int{3, 5, 7, 9} {
				out = append(out, Case{Name: "random balanced tree " + string(rune('a'+k)), Input: tree{serialiseTree(balanced(r, h))}})
			}
			for k, h := range []int{4, 6, 8, 10} {
				root := balanced(r, h)
				addLeaf(r, root)
				out = append(out, Case{Name: "balanced tree plus a leaf " + string(rune('a'+k)), Input: tree{serialiseTree(root)}})
			}
			for k, n := range []int{5, 12, 40} {
				out = append(out, Case{Name: "random tree " + string(rune('a'+k)), Input: tree{Tree(r, n, -lim, lim)}})
			}
			out = append(out, Case{Name: "random balanced tree of height 12", Input: tree{serialiseTree(balanced(r, 12))}, Large: true})
			return out
		},
		Sizes: []int{500, 1000, 2000, 4000, 8000},
		// Random trees of n nodes: shallow enough (about 2*sqrt(n) deep) to
		// be walked well into before a verdict.
		Scale: func(r *rand.Rand, n int) any {
			vals := Ints(r, n, -lim, lim)
			return tree{TreeOf(r, vals)}
		},
		Class: "n",
	})
}
