package gen

import (
	"math/rand"
	"strings"
)

// letterBoard draws a rows x cols board of one-letter strings from alphabet
// (word-search, word-search-ii).
func letterBoard(r *rand.Rand, rows, cols int, alphabet string) [][]string {
	b := make([][]string, rows)
	for i := range b {
		b[i] = make([]string, cols)
		for j := range b[i] {
			b[i][j] = string(alphabet[r.Intn(len(alphabet))])
		}
	}
	return b
}

// tracedWord reads a word of up to n letters along a random self-avoiding
// path of b, so that it can be found on the board.
func tracedWord(r *rand.Rand, b [][]string, n int) string {
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
