package gen

import "math/rand"

// flood-fill: images of a few colours (so regions form), the start anywhere,
// the new colour sometimes equal to the start's.
func init() {
	type input struct {
		Image [][]int `json:"image"`
		Sr    int     `json:"sr"`
		Sc    int     `json:"sc"`
		Color int     `json:"color"`
	}
	const maxSide, maxColor = 200, 65535
	draw := func(r *rand.Rand, rows, cols, colors int) input {
		in := input{Image: Grid(r, rows, cols, 0, colors-1), Sr: r.Intn(rows), Sc: r.Intn(cols), Color: r.Intn(colors + 1)}
		return in
	}
	Register("flood-fill", Generator{
		Valid: Check(func(in input) error {
			if err := Len("image", len(in.Image), 1, maxSide); err != nil {
				return err
			}
			cols := len(in.Image[0])
			for i, row := range in.Image {
				if len(row) != cols {
					return Errorf("image[%d] has %d columns, image[0] has %d", i, len(row), cols)
				}
				if err := All(Len("image[i]", len(row), 1, maxSide), EachIn("image[i]", row, 0, maxColor)); err != nil {
					return err
				}
			}
			return All(Range("sr", in.Sr, 0, len(in.Image)-1), Range("sc", in.Sc, 0, cols-1), Range("color", in.Color, 0, maxColor))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: draw(r, 1+r.Intn(6), 1+r.Intn(6), 2+r.Intn(2))})
			}
			out = append(out, Case{Name: "random two colours 30 x 40", Input: draw(r, 30, 40, 2)})
			in := draw(r, 60, 50, 2)
			in.Color = 2 + r.Intn(maxColor-1)
			out = append(out, Case{Name: "random two colours 60 x 50, fresh colour", Input: in})
			return out
		},
		Sizes: []int{2500, 5000, 10000, 20000, 40000},
		Scale: func(r *rand.Rand, n int) any {
			// One colour everywhere: the fill covers all n pixels.
			rows := 50
			for rows*rows < n && rows < maxSide {
				rows++
			}
			cols := min(max(n/rows, 1), maxSide)
			img := make([][]int, rows)
			for i := range img {
				img[i] = make([]int, cols)
			}
			return input{Image: img, Sr: r.Intn(rows), Sc: r.Intn(cols), Color: 1}
		},
		Class: "n",
	})
}
