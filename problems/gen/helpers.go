package gen

import (
	"fmt"
	"math/rand"
)

// Ints returns n integers drawn uniformly from [lo, hi].
func Ints(r *rand.Rand, n, lo, hi int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = lo + int(r.Int63n(int64(hi)-int64(lo)+1))
	}
	return out
}

// Distinct returns n distinct integers from [lo, hi] in random order; it
// panics when the range is too small.
func Distinct(r *rand.Rand, n, lo, hi int) []int {
	if int64(hi)-int64(lo)+1 < int64(n) {
		panic(fmt.Sprintf("gen.Distinct: %d values from [%d, %d]", n, lo, hi))
	}
	seen := make(map[int]bool, n)
	out := make([]int, 0, n)
	for len(out) < n {
		v := lo + int(r.Int63n(int64(hi)-int64(lo)+1))
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// String returns a string of n bytes drawn from alphabet.
func String(r *rand.Rand, n int, alphabet string) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.Intn(len(alphabet))]
	}
	return string(b)
}

// Lower is the lower-case English alphabet.
const Lower = "abcdefghijklmnopqrstuvwxyz"

// Grid returns rows × cols values drawn from [lo, hi].
func Grid(r *rand.Rand, rows, cols, lo, hi int) [][]int {
	g := make([][]int, rows)
	for i := range g {
		g[i] = Ints(r, cols, lo, hi)
	}
	return g
}

// Tree returns a random binary tree of n nodes in the level-order JSON form
// the judge reads (nil for a missing child, trailing nils dropped), its
// values drawn from [lo, hi].
func Tree(r *rand.Rand, n, lo, hi int) []any {
	vals := Ints(r, n, lo, hi)
	return TreeOf(r, vals)
}

// TreeOf shapes vals into a random binary tree, keeping their order in a
// breadth-first walk.
func TreeOf(r *rand.Rand, vals []int) []any {
	if len(vals) == 0 {
		return []any{}
	}
	// Build by attaching each node to a random free child slot, then
	// serialise level by level.
	type node struct{ l, r int }
	nodes := make([]node, len(vals))
	for i := range nodes {
		nodes[i] = node{-1, -1}
	}
	free := [][2]int{{0, 0}, {0, 1}} // (node, side)
	for i := 1; i < len(vals); i++ {
		k := r.Intn(len(free))
		slot := free[k]
		free[k] = free[len(free)-1]
		free = free[:len(free)-1]
		if slot[1] == 0 {
			nodes[slot[0]].l = i
		} else {
			nodes[slot[0]].r = i
		}
		free = append(free, [2]int{i, 0}, [2]int{i, 1})
	}
	return Level(len(vals), func(i int) (int, int) { return nodes[i].l, nodes[i].r }, vals)
}

// Level serialises a tree of n nodes rooted at 0, whose children children
// gives (-1 for none), in the judge's level-order form.
func Level(n int, children func(i int) (int, int), vals []int) []any {
	if n == 0 {
		return []any{}
	}
	out := []any{}
	queue := []int{0}
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		if i < 0 {
			out = append(out, nil)
			continue
		}
		out = append(out, vals[i])
		l, rr := children(i)
		queue = append(queue, l, rr)
	}
	for len(out) > 0 && out[len(out)-1] == nil {
		out = out[:len(out)-1]
	}
	return out
}

// Errorf is fmt.Errorf, for Valid functions.
func Errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

// Range reports an error naming field when v is outside [lo, hi].
func Range(field string, v, lo, hi int) error {
	if v < lo || v > hi {
		return fmt.Errorf("%s = %d is outside [%d, %d]", field, v, lo, hi)
	}
	return nil
}

// Len reports an error naming field when a length is outside [lo, hi].
func Len(field string, n, lo, hi int) error {
	if n < lo || n > hi {
		return fmt.Errorf("len(%s) = %d is outside [%d, %d]", field, n, lo, hi)
	}
	return nil
}

// All reports the first error of errs.
func All(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// EachIn reports the first value of vs outside [lo, hi].
func EachIn(field string, vs []int, lo, hi int) error {
	for i, v := range vs {
		if v < lo || v > hi {
			return fmt.Errorf("%s[%d] = %d is outside [%d, %d]", field, i, v, lo, hi)
		}
	}
	return nil
}
