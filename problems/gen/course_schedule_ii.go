package gen

import (
	"fmt"
	"math/rand"
)

// course-schedule-ii: random DAGs (arrows only from earlier to later courses
// of a hidden order), some with one back arrow that closes a cycle; the
// large tests are long requirement chains, the worst case of rescanning the
// pairs once per round.
func init() {
	type input struct {
		NumCourses    int     `json:"numCourses"`
		Prerequisites [][]int `json:"prerequisites"`
	}
	const maxN, maxP = 100_000, 100_000
	dag := func(r *rand.Rand, n, m int, cyclic bool) input {
		return input{NumCourses: n, Prerequisites: prerequisiteDAG(r, n, m, cyclic)}
	}
	// chain lays the courses label[0], label[1], ... label[k-1] in a line,
	// each requiring the one before; with cyclic, the last one is also
	// required by the one three places back, closing a cycle of four.
	chain := func(r *rand.Rand, n int, label []int, cyclic bool) input {
		var pairs [][]int
		for i := 1; i < len(label); i++ {
			pairs = append(pairs, []int{label[i], label[i-1]})
		}
		if cyclic {
			k := len(label)
			pairs = append(pairs, []int{label[k-4], label[k-1]})
		}
		r.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
		return input{NumCourses: n, Prerequisites: pairs}
	}
	Register("course-schedule-ii", Generator{
		Valid: Check(func(in input) error {
			if err := All(Range("numCourses", in.NumCourses, 1, maxN), Len("prerequisites", len(in.Prerequisites), 0, maxP)); err != nil {
				return err
			}
			return checkPrerequisites(in.NumCourses, in.Prerequisites, true)
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 6 {
				n := 2 + r.Intn(9)
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: dag(r, n, n+r.Intn(n), k%2 == 1)})
			}
			out = append(out,
				Case{Name: "random 300 courses, 900 pairs", Input: dag(r, 300, 900, false)},
				Case{Name: "random 300 courses, 900 pairs, one cycle", Input: dag(r, 300, 900, true)},
			)
			const lineN = 8000
			out = append(out, Case{Name: fmt.Sprintf("shuffled chain of %d courses", lineN), Input: chain(r, lineN, r.Perm(lineN), false), Large: true})
			// The chain uses the courses below 10 000 (short labels keep the
			// file small); the other 90 000 have no requirements at all.
			const cycleN, courses = 10_000, 100_000
			out = append(out, Case{Name: fmt.Sprintf("chain of %d courses into a cycle, among %d courses", cycleN, courses),
				Input: chain(r, courses, r.Perm(cycleN), true), Large: true})
			return out
		},
		Sizes: []int{1000, 2000, 4000, 8000, 16000, 32000, 64000},
		Scale: func(r *rand.Rand, n int) any {
			// A chain of diamonds over n courses in shuffled labels: linear
			// for a topological sort, quadratic for rescanning the pairs
			// once per round (the chain is 2n/3 rounds deep).
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
