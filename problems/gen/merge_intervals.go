package gen

import "math/rand"

// merge-intervals: closed intervals within [0, 10^4], in random order.
func init() {
	type input struct {
		Intervals [][]int `json:"intervals"`
	}
	const hi = 10_000
	draw := func(r *rand.Rand, n, lo, top, maxLen int) input {
		ivs := make([][]int, n)
		for i := range ivs {
			a := lo + r.Intn(top-lo+1)
			ivs[i] = []int{a, min(top, a+r.Intn(maxLen+1))}
		}
		return input{Intervals: ivs}
	}
	Register("merge-intervals", Generator{
		Valid: Check(func(in input) error {
			if err := Len("intervals", len(in.Intervals), 1, 10_000); err != nil {
				return err
			}
			for i, iv := range in.Intervals {
				if len(iv) != 2 {
					return Errorf("intervals[%d] has %d numbers, want 2", i, len(iv))
				}
				if err := All(Range("start", iv[0], 0, hi), Range("end", iv[1], iv[0], hi)); err != nil {
					return Errorf("intervals[%d]: %v", i, err)
				}
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: draw(r, 1+r.Intn(8), 0, 20, 4)})
			}
			out = append(out, Case{Name: "random many touching", Input: draw(r, 30, 0, 40, 2)})
			out = append(out, Case{Name: "random 2 000 intervals", Input: draw(r, 2000, 0, hi, 30), Large: true})
			return out
		},
		Sizes: []int{625, 1250, 2500, 5000, 10000},
		Scale: func(r *rand.Rand, n int) any { return draw(r, n, 0, hi, 1) },
		Class: "n log n",
	})
}
