package gen

import "math/rand"

// rotting-oranges: random crates with a mix of empty cells, fresh and
// rotten oranges; the probe's inputs are winding lines of fresh oranges
// rotting from one end, the worst case of a minute-by-minute simulation.
func init() {
	type input struct {
		Grid [][]int `json:"grid"`
	}
	const maxSide = 250
	// crate draws a rows × cols grid: empty with probability pe, rotten
	// with probability pr, fresh otherwise (percentages).
	crate := func(r *rand.Rand, rows, cols, pe, pr int) input {
		g := make([][]int, rows)
		for i := range g {
			g[i] = make([]int, cols)
			for j := range g[i] {
				switch x := r.Intn(100); {
				case x < pe:
					g[i][j] = 0
				case x < pe+pr:
					g[i][j] = 2
				default:
					g[i][j] = 1
				}
			}
		}
		return input{Grid: g}
	}
	Register("rotting-oranges", Generator{
		Valid: Check(func(in input) error {
			if err := Len("grid", len(in.Grid), 1, maxSide); err != nil {
				return err
			}
			for i, row := range in.Grid {
				if len(row) != len(in.Grid[0]) {
					return Errorf("grid[%d] has %d columns, grid[0] has %d", i, len(row), len(in.Grid[0]))
				}
				if err := All(Len("grid[i]", len(row), 1, maxSide), EachIn("grid[i]", row, 0, 2)); err != nil {
					return err
				}
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: crate(r, 1+r.Intn(5), 1+r.Intn(5), 20, 15)})
			}
			out = append(out, Case{Name: "random sparse rot 40 x 40", Input: crate(r, 40, 40, 10, 1)})
			out = append(out, Case{Name: "random many holes 30 x 50", Input: crate(r, 30, 50, 35, 2)})
			return out
		},
		Sizes: []int{2500, 5000, 10000, 20000, 40000},
		Scale: func(r *rand.Rand, n int) any {
			// A winding line of fresh oranges filling about n cells, rotten
			// at its start.
			rows := 50
			for rows*rows < n && rows < maxSide {
				rows++
			}
			cols := min(max(n/rows, 2), maxSide)
			g := make([][]int, rows)
			for i := range g {
				g[i] = make([]int, cols)
				switch {
				case i%2 == 0:
					for j := range g[i] {
						g[i][j] = 1
					}
				case i%4 == 1:
					g[i][cols-1] = 1
				default:
					g[i][0] = 1
				}
			}
			g[0][r.Intn(cols)] = 2
			return input{Grid: g}
		},
		Class: "n",
	})
}
