package gen

import (
	"math/rand"
	"strconv"
	"strings"
)

// recover-tree-from-preorder-traversal: random trees (lone children moved
// to the left, as the format requires) written as dashed preorder strings.
func init() {
	type input struct {
		Traversal string `json:"traversal"`
	}
	// dashed writes a tree in the problem's format, first moving every lone
	// right child to the left.
	dashed := func(t []any) string {
		root, _, _, _ := parseTree(ptrs(t))
		var sb strings.Builder
		type item struct {
			n *tnode
			d int
		}
		stack := []item{{root, 0}}
		for len(stack) > 0 {
			it := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			n := it.n
			if n.L == nil && n.R != nil {
				n.L, n.R = n.R, nil
			}
			sb.WriteString(strings.Repeat("-", it.d))
			sb.WriteString(strconv.Itoa(n.Val))
			if n.R != nil {
				stack = append(stack, item{n.R, it.d + 1})
			}
			if n.L != nil {
				stack = append(stack, item{n.L, it.d + 1})
			}
		}
		return sb.String()
	}
	Register("recover-tree-from-preorder-traversal", Generator{
		Valid: Check(func(in input) error {
			s := in.Traversal
			if err := Len("traversal", len(s), 1, 200_000); err != nil {
				return err
			}
			// children[d] counts the children of the current node at depth
			// d; depth is the current path's length.
			var children []int
			nodes := 0
			for i := 0; i < len(s); {
				d := 0
				for i < len(s) && s[i] == '-' {
					d++
					i++
				}
				j := i
				for j < len(s) && s[j] >= '0' && s[j] <= '9' {
					j++
				}
				if j == i || (j < len(s) && s[j] != '-') {
					return Errorf("at %d: want digits after the dashes", i)
				}
				if s[i] == '0' || j-i > 10 {
					return Errorf("at %d: value %q has a leading zero or too many digits", i, s[i:j])
				}
				v, _ := strconv.Atoi(s[i:j])
				if err := Range("Node.val", v, 1, 1_000_000_000); err != nil {
					return err
				}
				i = j
				nodes++
				switch {
				case nodes == 1 && d != 0:
					return Errorf("the first node has depth %d, want 0", d)
				case nodes > 1 && (d == 0 || d > len(children)):
					return Errorf("node %d has depth %d after a path of length %d", nodes, d, len(children))
				}
				children = children[:d]
				if d > 0 {
					children[d-1]++
					if children[d-1] > 2 {
						return Errorf("node %d is a third child", nodes)
					}
				}
				children = append(children, 0)
			}
			return Range("nodes", nodes, 1, 10_000)
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k, n := range []int{2, 5, 11, 30, 90, 400} {
				out = append(out, Case{Name: "random tree " + string(rune('a'+k)), Input: input{dashed(Tree(r, n, 1, 1_000_000_000))}})
			}
			out = append(out, Case{Name: "random tree, small values", Input: input{dashed(Tree(r, 200, 1, 9))}})
			out = append(out, Case{Name: "random chain", Input: input{dashed(chainTree(r, Ints(r, 60, 1, 1000), 3))}})
			return out
		},
		Sizes: []int{500, 1000, 2000, 4000, 8000},
		Scale: func(r *rand.Rand, n int) any { return input{dashed(Tree(r, n, 1, 1_000_000_000))} },
		Class: "n",
	})
}
