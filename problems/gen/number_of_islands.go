package gen

import (
	"math"
	"math/rand"
)

func init() {
	type input struct {
		Grid [][]string `json:"grid"`
	}
	random := func(r *rand.Rand, rows, cols int, land float64) input {
		g := make([][]string, rows)
		for i := range g {
			g[i] = make([]string, cols)
			for j := range g[i] {
				g[i][j] = "0"
				if r.Float64() < land {
					g[i][j] = "1"
				}
			}
		}
		return input{g}
	}
	Register("number-of-islands", Generator{
		Valid: Check(func(in input) error {
			if err := Len("grid", len(in.Grid), 1, 300); err != nil {
				return err
			}
			for i, row := range in.Grid {
				if err := Len("grid[i]", len(row), 1, 300); err != nil {
					return err
				}
				if len(row) != len(in.Grid[0]) {
					return Errorf("row %d has %d cells, row 0 has %d", i, len(row), len(in.Grid[0]))
				}
				for j, c := range row {
					if c != "0" && c != "1" {
						return Errorf("grid[%d][%d] = %q, want \"0\" or \"1\"", i, j, c)
					}
				}
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			return []Case{
				{Name: "random sparse", Input: random(r, 6, 9, 0.3)},
				{Name: "random dense", Input: random(r, 8, 5, 0.7)},
				{Name: "random one row", Input: random(r, 1, 40, 0.5)},
				{Name: "random one column", Input: random(r, 30, 1, 0.5)},
				{Name: "random half land", Input: random(r, 25, 25, 0.5)},
			}
		},
		// n is the number of cells of a square grid.
		Sizes: []int{5625, 11025, 22500, 44100, 90000},
		Scale: func(r *rand.Rand, n int) any {
			side := int(math.Sqrt(float64(n)))
			return random(r, side, side, 0.55)
		},
		Class: "n",
	})
}
