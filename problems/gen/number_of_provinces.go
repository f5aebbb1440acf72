package gen

import "math/rand"

// number-of-provinces: symmetric 0/1 matrices with ones on the diagonal,
// built from random links (sparse, so several provinces form).
func init() {
	type input struct {
		IsConnected [][]int `json:"isConnected"`
	}
	const maxN = 200
	// links draws n cities with about m random links.
	links := func(r *rand.Rand, n, m int) input {
		g := make([][]int, n)
		for i := range g {
			g[i] = make([]int, n)
			g[i][i] = 1
		}
		for range m {
			a, b := r.Intn(n), r.Intn(n)
			g[a][b], g[b][a] = 1, 1
		}
		return input{IsConnected: g}
	}
	Register("number-of-provinces", Generator{
		Valid: Check(func(in input) error {
			n := len(in.IsConnected)
			if err := Len("isConnected", n, 1, maxN); err != nil {
				return err
			}
			for i, row := range in.IsConnected {
				if len(row) != n {
					return Errorf("isConnected[%d] has %d values, want %d", i, len(row), n)
				}
				if err := EachIn("isConnected[i]", row, 0, 1); err != nil {
					return err
				}
				if row[i] != 1 {
					return Errorf("isConnected[%d][%d] = %d, want 1", i, i, row[i])
				}
				for j := range row {
					if row[j] != in.IsConnected[j][i] {
						return Errorf("isConnected is not symmetric at [%d][%d]", i, j)
					}
				}
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				n := 1 + r.Intn(10)
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: links(r, n, r.Intn(n+1))})
			}
			out = append(out, Case{Name: "random sparse 60 cities", Input: links(r, 60, 45)})
			out = append(out, Case{Name: "random sparse 100 cities", Input: links(r, 100, 90)})
			return out
		},
		Sizes: []int{12, 25, 50, 100, 200},
		Scale: func(r *rand.Rand, n int) any { return links(r, n, n) },
		Class: "n^2",
	})
}
