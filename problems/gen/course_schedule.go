package gen

import "math/rand"

// course-schedule: random DAGs (arrows only from earlier to later courses of
// a hidden order), some with one back arrow that closes a cycle.
func init() {
	type input struct {
		NumCourses    int     `json:"numCourses"`
		Prerequisites [][]int `json:"prerequisites"`
	}
	const maxN, maxP = 100_000, 100_000
	// dag draws n courses and about m distinct pairs consistent with a
	// random order; with cyclic, one pair against the order is added.
	dag := func(r *rand.Rand, n, m int, cyclic bool) input {
		order := r.Perm(n)
		seen := map[[2]int]bool{}
		pairs := [][]int{}
		for range m {
			i, j := r.Intn(n), r.Intn(n)
			if i == j {
				continue
			}
			i, j = min(i, j), max(i, j)
			// order[i] comes first: it is the requirement b of [a, b].
			p := [2]int{order[j], order[i]}
			if !seen[p] {
				seen[p] = true
				pairs = append(pairs, []int{p[0], p[1]})
			}
		}
		if cyclic && len(pairs) > 0 {
			// Reverse the span of one pair with a fresh arrow: [b, a] for an
			// existing [a, b] is a 2-cycle; pick a longer one when possible.
			k := r.Intn(len(pairs))
			a, b := pairs[k][0], pairs[k][1]
			if !seen[[2]int{b, a}] {
				pairs = append(pairs, []int{b, a})
			}
		}
		r.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
		return input{NumCourses: n, Prerequisites: pairs}
	}
	Register("course-schedule", Generator{
		Valid: Check(func(in input) error {
			if err := All(Range("numCourses", in.NumCourses, 1, maxN), Len("prerequisites", len(in.Prerequisites), 0, maxP)); err != nil {
				return err
			}
			seen := map[[2]int]bool{}
			for i, p := range in.Prerequisites {
				if len(p) != 2 {
					return Errorf("prerequisites[%d] has %d values, want 2", i, len(p))
				}
				if err := EachIn("prerequisites[i]", p, 0, in.NumCourses-1); err != nil {
					return err
				}
				k := [2]int{p[0], p[1]}
				if seen[k] {
					return Errorf("prerequisites[%d] = %v appears twice", i, p)
				}
				seen[k] = true
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 6 {
				n := 2 + r.Intn(9)
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: dag(r, n, n+r.Intn(n), k%2 == 1)})
			}
			return out
		},
		Sizes: []int{2000, 4000, 8000, 16000, 32000, 64000},
		Scale: func(r *rand.Rand, n int) any {
			// A chain of diamonds over n courses in shuffled labels: linear
			// for a topological sort, exponential for a DFS without memo.
			label := r.Perm(n)
			var pairs [][]int
			for s := 0; s+3 < n; s += 3 {
				pairs = append(pairs, []int{label[s+1], label[s]}, []int{label[s+2], label[s]},
					[]int{label[s+3], label[s+1]}, []int{label[s+3], label[s+2]})
			}
			r.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
			return input{NumCourses: n, Prerequisites: pairs}
		},
		Class: "n",
	})
}
