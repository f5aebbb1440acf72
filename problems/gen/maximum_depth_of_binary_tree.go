package gen

import "math/rand"

func init() {
	type input struct {
		Root []*int `json:"root"`
	}
	asInput := func(t []any) input {
		out := make([]*int, len(t))
		for i, v := range t {
			if v != nil {
				x := v.(int)
				out[i] = &x
			}
		}
		return input{out}
	}
	Register("maximum-depth-of-binary-tree", Generator{
		Valid: Check(func(in input) error {
			n, depth, err := levelShape(in.Root)
			if err != nil {
				return err
			}
			for _, v := range in.Root {
				if v != nil && (*v < -100 || *v > 100) {
					return Errorf("a node value %d is outside [-100, 100]", *v)
				}
			}
			return All(Range("nodes", n, 0, 70_000), Range("depth", depth, 0, 3000))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k, n := range []int{1, 7, 30, 200} {
				out = append(out, Case{Name: "random tree " + string(rune('a'+k)), Input: asInput(Tree(r, n, -100, 100))})
			}
			return out
		},
		Sizes: []int{2000, 4000, 8000, 16000, 32000, 64000},
		Scale: func(r *rand.Rand, n int) any { return asInput(Tree(r, n, -100, 100)) },
		Class: "n",
	})
}

// levelShape reads a level-order tree (nil = no child) and returns its
// number of nodes and its depth, or an error when a child hangs off a
// missing node.
func levelShape(vals []*int) (n, depth int, err error) {
	if len(vals) == 0 {
		return 0, 0, nil
	}
	if vals[0] == nil {
		return 0, 0, Errorf("the root is null but the list is not empty")
	}
	type item struct{ d int }
	queue := []item{{1}}
	i := 1
	n, depth = 1, 1
	for len(queue) > 0 && i < len(vals) {
		cur := queue[0]
		queue = queue[1:]
		for side := 0; side < 2 && i < len(vals); side++ {
			if vals[i] != nil {
				n++
				queue = append(queue, item{cur.d + 1})
				depth = max(depth, cur.d+1)
			}
			i++
		}
	}
	if i < len(vals) {
		return 0, 0, Errorf("%d values follow the last node that can hold children", len(vals)-i)
	}
	return n, depth, nil
}
