package gen

import "math/rand"

// prerequisiteDAG draws about m distinct [a, b] pairs ("b before a") over n
// courses, every one consistent with a random hidden order; with cyclic, the
// reverse of one pair is added, closing a cycle of two (course-schedule,
// course-schedule-ii).
func prerequisiteDAG(r *rand.Rand, n, m int, cyclic bool) [][]int {
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
		// Every pair follows the order, so the reverse is always new.
		k := r.Intn(len(pairs))
		pairs = append(pairs, []int{pairs[k][1], pairs[k][0]})
	}
	r.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
	return pairs
}

// checkPrerequisites holds pairs to the course problems' constraints: two
// courses below numCourses each, no pair twice, and with noSelf no course
// requiring itself.
func checkPrerequisites(numCourses int, pairs [][]int, noSelf bool) error {
	seen := map[[2]int]bool{}
	for i, p := range pairs {
		if len(p) != 2 {
			return Errorf("prerequisites[%d] has %d values, want 2", i, len(p))
		}
		if err := EachIn("prerequisites[i]", p, 0, numCourses-1); err != nil {
			return err
		}
		if noSelf && p[0] == p[1] {
			return Errorf("prerequisites[%d] = %v: a course cannot require itself", i, p)
		}
		k := [2]int{p[0], p[1]}
		if seen[k] {
			return Errorf("prerequisites[%d] = %v appears twice", i, p)
		}
		seen[k] = true
	}
	return nil
}
