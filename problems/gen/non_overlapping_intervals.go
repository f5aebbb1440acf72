package gen

import "math/rand"

// non-overlapping-intervals: intervals with start < end within ±5 * 10^4.
func init() {
	type input struct {
		Intervals [][]int `json:"intervals"`
	}
	const lim = 50_000
	draw := func(r *rand.Rand, n, lo, hi, maxLen int) input {
		ivs := make([][]int, n)
		for i := range ivs {
			a := lo + r.Intn(hi-lo)
			ivs[i] = []int{a, min(hi, a+1+r.Intn(maxLen))}
		}
		return input{Intervals: ivs}
	}
	Register("non-overlapping-intervals", Generator{
		Valid: Check(func(in input) error {
			if err := Len("intervals", len(in.Intervals), 1, 10_000); err != nil {
				return err
			}
			for i, iv := range in.Intervals {
				if len(iv) != 2 {
					return Errorf("intervals[%d] has %d numbers, want 2", i, len(iv))
				}
				if err := All(Range("start", iv[0], -lim, lim-1), Range("end", iv[1], iv[0]+1, lim)); err != nil {
					return Errorf("intervals[%d]: %v", i, err)
				}
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: draw(r, 1+r.Intn(8), -10, 10, 5)})
			}
			out = append(out, Case{Name: "random many touching", Input: draw(r, 30, 0, 30, 2)})
			out = append(out, Case{Name: "random 2 000 intervals", Input: draw(r, 2000, -lim, lim, 200), Large: true})
			return out
		},
		Sizes: []int{625, 1250, 2500, 5000, 10000},
		Scale: func(r *rand.Rand, n int) any { return draw(r, n, -lim, lim, 100) },
		Class: "n log n",
	})
}
