package gen

import "math/rand"

// Helpers for the binary-tree problems: a decoded tree, its shape, and
// builders for the shapes their tests need (chains, balanced search trees).

// tnode is a decoded binary-tree node.
type tnode struct {
	Val  int
	L, R *tnode
}

// parseTree decodes a level-order tree (nil = no child) and returns its
// root, number of nodes and depth (levels), or an error when the list is
// not a tree (a child of a missing node, a null root with more after it).
func parseTree(vals []*int) (root *tnode, n, depth int, err error) {
	if len(vals) == 0 {
		return nil, 0, 0, nil
	}
	if vals[0] == nil {
		return nil, 0, 0, Errorf("the root is null but the list is not empty")
	}
	type item struct {
		nd *tnode
		d  int
	}
	root = &tnode{Val: *vals[0]}
	queue := []item{{root, 1}}
	i := 1
	n, depth = 1, 1
	for len(queue) > 0 && i < len(vals) {
		cur := queue[0]
		queue = queue[1:]
		for side := 0; side < 2 && i < len(vals); side++ {
			if vals[i] != nil {
				c := &tnode{Val: *vals[i]}
				if side == 0 {
					cur.nd.L = c
				} else {
					cur.nd.R = c
				}
				n++
				queue = append(queue, item{c, cur.d + 1})
				depth = max(depth, cur.d+1)
			}
			i++
		}
	}
	if i < len(vals) {
		return nil, 0, 0, Errorf("%d values follow the last node that can hold children", len(vals)-i)
	}
	if len(vals) > 0 && vals[len(vals)-1] == nil {
		return nil, 0, 0, Errorf("the level-order list ends in null")
	}
	return root, n, depth, nil
}

// treeValues returns the values of a decoded level-order list.
func treeValues(vals []*int) []int {
	out := make([]int, 0, len(vals))
	for _, v := range vals {
		if v != nil {
			out = append(out, *v)
		}
	}
	return out
}

// serialiseTree writes a tree in the judge's level-order form.
func serialiseTree(root *tnode) []any {
	if root == nil {
		return []any{}
	}
	out := []any{}
	queue := []*tnode{root}
	for len(queue) > 0 {
		nd := queue[0]
		queue = queue[1:]
		if nd == nil {
			out = append(out, nil)
			continue
		}
		out = append(out, nd.Val)
		queue = append(queue, nd.L, nd.R)
	}
	for len(out) > 0 && out[len(out)-1] == nil {
		out = out[:len(out)-1]
	}
	return out
}

// chainTree returns vals as a chain, each node the child of the one
// before: side 0 always left, 1 always right, 2 alternating, 3 random.
func chainTree(r *rand.Rand, vals []int, side int) []any {
	if len(vals) == 0 {
		return []any{}
	}
	root := &tnode{Val: vals[0]}
	cur := root
	for i, v := range vals[1:] {
		c := &tnode{Val: v}
		s := side
		if side == 2 {
			s = i % 2
		} else if side == 3 {
			s = r.Intn(2)
		}
		if s == 0 {
			cur.L = c
		} else {
			cur.R = c
		}
		cur = c
	}
	return serialiseTree(root)
}

// bstOf returns a binary search tree of sorted (increasing) values: the
// balanced one when shape is 0, else a random one (each subtree's root
// drawn at random from its range).
func bstOf(r *rand.Rand, sorted []int, shape int) []any {
	var build func(lo, hi int) *tnode
	build = func(lo, hi int) *tnode {
		if lo > hi {
			return nil
		}
		m := (lo + hi) / 2
		if shape != 0 {
			m = lo + r.Intn(hi-lo+1)
		}
		return &tnode{Val: sorted[m], L: build(lo, m-1), R: build(m+1, hi)}
	}
	return serialiseTree(build(0, len(sorted)-1))
}

// ptrs converts a level-order list to the *int form Valid decodes.
func ptrs(t []any) []*int {
	out := make([]*int, len(t))
	for i, v := range t {
		if v != nil {
			x := v.(int)
			out[i] = &x
		}
	}
	return out
}
