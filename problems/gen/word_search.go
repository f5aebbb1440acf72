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
				b := letterBoard(r, 1+r.Intn(4), 1+r.Intn(4), "abc")
				var w string
				if k%2 == 0 {
					w = tracedWord(r, b, 1+r.Intn(6))
				} else {
					w = String(r, 1+r.Intn(6), "abc")
				}
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{Board: b, Word: w}})
			}
			b := letterBoard(r, 4, 5, "aAbB")
			out = append(out, Case{Name: "random 4 x 5 mixed case, traced", Input: input{Board: b, Word: tracedWord(r, b, 8)}})
			return out
		},
		Sizes: []int{4, 6, 8, 10, 12, 14, 16},
		Scale: func(r *rand.Rand, n int) any {
			// Two letters on a full board and a random word: most words are
			// absent, and a search without early cuts walks every path.
			return input{Board: letterBoard(r, maxSide, maxSide, "AB"), Word: String(r, n, "AB")}
		},
		Class: "2^n",
	})
}
