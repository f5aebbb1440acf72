package gen

import (
	"math/rand"
	"sort"
)

func init() {
	type input struct {
		Points [][]int `json:"points"`
		K      int     `json:"k"`
	}
	dist := func(p []int) int { return p[0]*p[0] + p[1]*p[1] }
	// points draws n points and a k whose k-th and (k+1)-th smallest
	// distances differ, so the answer is unique.
	points := func(r *rand.Rand, n, lim, k int) input {
		for {
			ps := make([][]int, n)
			for i := range ps {
				ps[i] = Ints(r, 2, -lim, lim)
			}
			d := make([]int, n)
			for i, p := range ps {
				d[i] = dist(p)
			}
			sort.Ints(d)
			for kk := k; kk >= 1; kk-- {
				if kk == n || d[kk-1] < d[kk] {
					return input{ps, kk}
				}
			}
		}
	}
	Register("k-closest-points-to-origin", Generator{
		Valid: Check(func(in input) error {
			if err := All(Len("points", len(in.Points), 1, 10_000), Range("k", in.K, 1, len(in.Points))); err != nil {
				return err
			}
			d := make([]int, len(in.Points))
			for i, p := range in.Points {
				if err := All(Len("points[i]", len(p), 2, 2), EachIn("points[i]", p, -100_000, 100_000)); err != nil {
					return err
				}
				d[i] = dist(p)
			}
			sort.Ints(d)
			if in.K < len(d) && d[in.K-1] == d[in.K] {
				return Errorf("the k-th and (k+1)-th distances tie")
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			return []Case{
				{Name: "random small a", Input: points(r, 6, 10, 2)},
				{Name: "random small b", Input: points(r, 15, 20, 7)},
				{Name: "random duplicates", Input: points(r, 40, 3, 9)},
				{Name: "random wide coordinates", Input: points(r, 200, 100_000, 50)},
				{Name: "random k is n", Input: points(r, 30, 1000, 30)},
				{Name: "random large", Input: points(r, 10_000, 100_000, 3000), Large: true},
			}
		},
		Sizes: []int{625, 1250, 2500, 5000, 10000},
		Scale: func(r *rand.Rand, n int) any { return points(r, n, 100_000, n/2) },
		Class: "n log n",
	})
}
