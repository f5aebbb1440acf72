package gen

import (
	"math/rand"
	"strings"
)

// word-search: small boards over a few letters, with words traced along a
// random path (present) or drawn at random (usually absent).
func init() {
	type input struct {
		Board [][]string `json:"board"`
		Word  string     `json:"word"`
	}
	const maxSide, maxWord = 8, 16
	const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	board := func(r *rand.Rand, rows, cols int, alphabet string) [][]string {
		b := make([][]string, rows)
		for i := range b {
			b[i] = make([]string, cols)
			for j := range b[i] {
				b[i][j] = string(alphabet[r.Intn(len(alphabet))])
			}
		}
		return b
	}
	// traced reads a word of up to n letters along a random self-avoiding
	// path of b.
	traced := func(r *rand.Rand, b [][]string, n int) string {
		rows, cols := len(b), len(b[0])
		used := map[[2]int]bool{}
		x, y := r.Intn(rows), r.Intn(cols)
		var w strings.Builder
		for w.Len() < n {
			used[[2]int{x, y}] = true
			w.WriteString(b[x][y])
			var next [][2]int
			for _, d := range [4][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
				p := [2]int{x + d[0], y + d[1]}
				if p[0] >= 0 && p[0] < rows && p[1] >= 0 && p[1] < cols && !used[p] {
					next = append(next, p)
				}
			}
			if len(next) == 0 {
				break
			}
			p := next[r.Intn(len(next))]
			x, y = p[0], p[1]
		}
		return w.String()
	}
	Register("word-search", Generator{
		Valid: Check(func(in input) error {
			if err := All(Len("board", len(in.Board), 1, maxSide), Len("word", len(in.Word), 1, maxWord)); err != nil {
				return err
			}
			for i, row := range in.Board {
				if len(row) != len(in.Board[0]) {
					return Errorf("board[%d] has %d columns, board[0] has %d", i, len(row), len(in.Board[0]))
				}
				if err := Len("board[i]", len(row), 1, maxSide); err != nil {
					return err
				}
				for j, cell := range row {
					if len(cell) != 1 || !strings.Contains(letters, cell) {
						return Errorf("board[%d][%d] = %q is not one English letter", i, j, cell)
					}
				}
			}
			for _, ch := range in.Word {
				if !strings.ContainsRune(letters, ch) {
					return Errorf("word holds %q, not an English letter", ch)
				}
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 6 {
				b := board(r, 1+r.Intn(4), 1+r.Intn(4), "abc")
				var w string
				if k%2 == 0 {
					w = traced(r, b, 1+r.Intn(6))
				} else {
					w = String(r, 1+r.Intn(6), "abc")
				}
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{Board: b, Word: w}})
			}
			b := board(r, 4, 5, "aAbB")
			out = append(out, Case{Name: "random 4 x 5 mixed case, traced", Input: input{Board: b, Word: traced(r, b, 8)}})
			return out
		},
		Sizes: []int{4, 6, 8, 10, 12, 14, 16},
		Scale: func(r *rand.Rand, n int) any {
			// Two letters on a full board and a random word: most words are
			// absent, and a search without early cuts walks every path.
			return input{Board: board(r, maxSide, maxSide, "AB"), Word: String(r, n, "AB")}
		},
		Class: "2^n",
	})
}
