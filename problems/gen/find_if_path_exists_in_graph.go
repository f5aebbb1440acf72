package gen

import "math/rand"

// find-if-path-exists-in-graph: random simple undirected graphs (forests
// plus a few extra edges, so there are several components), edges in random
// order and orientation.
func init() {
	type input struct {
		N           int     `json:"n"`
		Edges       [][]int `json:"edges"`
		Source      int     `json:"source"`
		Destination int     `json:"destination"`
	}
	const maxN, maxEdges = 200_000, 200_000
	// graph draws n vertices with about `joins` tree edges and `extra` more,
	// no self-loops and no duplicates.
	graph := func(r *rand.Rand, n, joins, extra int) [][]int {
		seen := map[[2]int]bool{}
		var edges [][]int
		add := func(u, v int) {
			a, b := min(u, v), max(u, v)
			if u == v || seen[[2]int{a, b}] {
				return
			}
			seen[[2]int{a, b}] = true
			if r.Intn(2) == 0 {
				u, v = v, u
			}
			edges = append(edges, []int{u, v})
		}
		perm := r.Perm(n)
		for i := 1; i < n && joins > 0; i++ {
			if r.Intn(n) < joins*n/max(n-1, 1) {
				add(perm[i], perm[r.Intn(i)])
			}
		}
		for range extra {
			add(r.Intn(n), r.Intn(n))
		}
		r.Shuffle(len(edges), func(i, j int) { edges[i], edges[j] = edges[j], edges[i] })
		if edges == nil {
			edges = [][]int{}
		}
		return edges
	}
	Register("find-if-path-exists-in-graph", Generator{
		Valid: Check(func(in input) error {
			if err := All(Range("n", in.N, 1, maxN), Len("edges", len(in.Edges), 0, maxEdges),
				Range("source", in.Source, 0, in.N-1), Range("destination", in.Destination, 0, in.N-1)); err != nil {
				return err
			}
			seen := map[[2]int]bool{}
			for i, e := range in.Edges {
				if len(e) != 2 {
					return Errorf("edges[%d] has %d values, want 2", i, len(e))
				}
				if err := EachIn("edges[i]", e, 0, in.N-1); err != nil {
					return err
				}
				if e[0] == e[1] {
					return Errorf("edges[%d] is a self-loop", i)
				}
				k := [2]int{min(e[0], e[1]), max(e[0], e[1])}
				if seen[k] {
					return Errorf("edges[%d] = %v appears twice", i, e)
				}
				seen[k] = true
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				n := 2 + r.Intn(10)
				out = append(out, Case{Name: "random small " + string(rune('a'+k)),
					Input: input{N: n, Edges: graph(r, n, n/2, r.Intn(3)), Source: r.Intn(n), Destination: r.Intn(n)}})
			}
			for k, n := range []int{300, 2000} {
				out = append(out, Case{Name: "random sparse " + string(rune('a'+k)),
					Input: input{N: n, Edges: graph(r, n, n*9/10, n/20), Source: r.Intn(n), Destination: r.Intn(n)}})
			}
			return out
		},
		Sizes: []int{2000, 4000, 8000, 16000, 32000, 64000},
		Scale: func(r *rand.Rand, n int) any {
			// A shuffled path through all n vertices, ends far apart: the
			// worst case for union-find without compression and for a DFS.
			perm := r.Perm(n)
			edges := make([][]int, n-1)
			for i := range edges {
				edges[i] = []int{perm[i], perm[i+1]}
			}
			r.Shuffle(len(edges), func(i, j int) { edges[i], edges[j] = edges[j], edges[i] })
			return input{N: n, Edges: edges, Source: perm[0], Destination: perm[n-1]}
		},
		Class: "n",
	})
}
