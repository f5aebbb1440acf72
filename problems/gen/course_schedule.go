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
	dag := func(r *rand.Rand, n, m int, cyclic bool) input {
		return input{NumCourses: n, Prerequisites: prerequisiteDAG(r, n, m, cyclic)}
	}
	Register("course-schedule", Generator{
		Valid: Check(func(in input) error {
			if err := All(Range("numCourses", in.NumCourses, 1, maxN), Len("prerequisites", len(in.Prerequisites), 0, maxP)); err != nil {
				return err
			}
			return checkPrerequisites(in.NumCourses, in.Prerequisites, false)
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
