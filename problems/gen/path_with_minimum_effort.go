package gen

import "math/rand"

// path-with-minimum-effort: random height maps (small and large value
// ranges), and serpentine mazes: a winding corridor of nearly level cells
// between low walls, so the cheapest route is the whole corridor and every
// leftward stretch of it costs a Bellman-Ford sweep one more round.
func init() {
	type input struct {
		Heights [][]int `json:"heights"`
	}
	const maxSide, maxHeight = 200, 1_000_000
	random := func(r *rand.Rand, rows, cols, hi int) input {
		return input{Heights: Grid(r, rows, cols, 1, hi)}
	}
	// snake draws a rows × cols maze (rows % 4 == 1 keeps the exit on the
	// corridor): even rows are corridor, odd rows are walls with one gap,
	// at the right end then the left end in turn. Corridor cells are 1 to 3
	// (steps of at most 2), walls 6 (crossing one costs at least 3).
	snake := func(r *rand.Rand, rows, cols int) input {
		g := make([][]int, rows)
		for i := range g {
			g[i] = make([]int, cols)
			for j := range g[i] {
				g[i][j] = 6
			}
			gap := -1
			switch {
			case i%2 == 0:
				for j := range g[i] {
					g[i][j] = 1 + r.Intn(3)
				}
			case i%4 == 1:
				gap = cols - 1
			default:
				gap = 0
			}
			if gap >= 0 {
				g[i][gap] = 1 + r.Intn(3)
			}
		}
		return input{Heights: g}
	}
	Register("path-with-minimum-effort", Generator{
		Valid: Check(func(in input) error {
			if err := Len("heights", len(in.Heights), 1, maxSide); err != nil {
				return err
			}
			for i, row := range in.Heights {
				if len(row) != len(in.Heights[0]) {
					return Errorf("heights[%d] has %d columns, heights[0] has %d", i, len(row), len(in.Heights[0]))
				}
				if err := All(Len("heights[i]", len(row), 1, maxSide), EachIn("heights[i]", row, 1, maxHeight)); err != nil {
					return Errorf("row %d: %v", i, err)
				}
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: random(r, 1+r.Intn(5), 1+r.Intn(5), 10)})
			}
			out = append(out, Case{Name: "random 40 x 40, heights up to 100", Input: random(r, 40, 40, 100)})
			out = append(out, Case{Name: "random 25 x 30, heights up to 10^6", Input: random(r, 25, 30, maxHeight)})
			out = append(out, Case{Name: "serpentine maze 13 x 20", Input: snake(r, 13, 20)})
			out = append(out, Case{Name: "serpentine maze 197 x 200", Input: snake(r, 197, 200), Large: true})
			out = append(out, Case{Name: "random 100 x 100, heights up to 10^6", Input: random(r, 100, 100, maxHeight), Large: true})
			return out
		},
		Sizes: []int{2500, 5000, 10000, 20000, 40000},
		Scale: func(r *rand.Rand, n int) any {
			// A serpentine maze of about n cells, rows % 4 == 1.
			rows := 5
			for (rows+4)*(rows+4) <= n && rows+4 <= maxSide {
				rows += 4
			}
			cols := min(max(n/rows, 2), maxSide)
			return snake(r, rows, cols)
		},
		Class: "n log n",
	})
}
