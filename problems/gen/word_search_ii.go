package gen

import (
	"math/rand"
	"strings"
)

// word-search-ii: boards of lower-case letters with lists of distinct words,
// some traced along a path of the board (present), some drawn at random
// (usually absent); the large tests and the probe share one long prefix of
// 'a's among many words, the worst case of searching each word on its own.
func init() {
	type input struct {
		Board [][]string `json:"board"`
		Words []string   `json:"words"`
	}
	const maxSide, maxWords, maxLen = 12, 30000, 10
	// mixed draws n distinct words of 1 to maxLen letters: about half traced
	// on b, the rest random over alphabet.
	mixed := func(r *rand.Rand, b [][]string, n, maxLen int, alphabet string) []string {
		seen := map[string]bool{}
		var words []string
		for tries := 0; len(words) < n && tries < 100*n; tries++ {
			var w string
			if r.Intn(2) == 0 {
				w = tracedWord(r, b, 1+r.Intn(maxLen))
			} else {
				w = String(r, 1+r.Intn(maxLen), alphabet)
			}
			if !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
		return words
	}
	// shelf is a board of h rows of 'a' above one row of twelve distinct
	// letters, with n distinct words: prefix 'a's, then suffix distinct
	// letters of the shelf. Each word passes a letter-count filter, and
	// searching it on its own walks every path of prefix 'a's; only the
	// suffixes that are runs of the shelf can be traced.
	const shelfRow = "bcdefghijklm"
	shelf := func(r *rand.Rand, h, n, prefix, suffix int) input {
		b := make([][]string, h+1)
		for i := range h {
			b[i] = strings.Split(strings.Repeat("a", maxSide), "")
		}
		b[h] = strings.Split(shelfRow, "")
		seen := map[string]bool{}
		var words []string
		for len(words) < n {
			perm := r.Perm(len(shelfRow))[:suffix]
			var w strings.Builder
			w.WriteString(strings.Repeat("a", prefix))
			for _, k := range perm {
				w.WriteByte(shelfRow[k])
			}
			if s := w.String(); !seen[s] {
				seen[s] = true
				words = append(words, s)
			}
		}
		return input{Board: b, Words: words}
	}
	lower := func(field, s string) error {
		for _, ch := range s {
			if ch < 'a' || ch > 'z' {
				return Errorf("%s = %q holds %q, not a lower-case letter", field, s, ch)
			}
		}
		return nil
	}
	Register("word-search-ii", Generator{
		Valid: Check(func(in input) error {
			if err := All(Len("board", len(in.Board), 1, maxSide), Len("words", len(in.Words), 1, maxWords)); err != nil {
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
					if len(cell) != 1 {
						return Errorf("board[%d][%d] = %q is not one letter", i, j, cell)
					}
					if err := lower("board[i][j]", cell); err != nil {
						return err
					}
				}
			}
			seen := map[string]bool{}
			for i, w := range in.Words {
				if err := All(Len("words[i]", len(w), 1, maxLen), lower("words[i]", w)); err != nil {
					return err
				}
				if seen[w] {
					return Errorf("words[%d] = %q appears twice; words are distinct", i, w)
				}
				seen[w] = true
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 6 {
				b := letterBoard(r, 1+r.Intn(4), 1+r.Intn(4), "abc")
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{Board: b, Words: mixed(r, b, 1+r.Intn(8), 6, "abc")}})
			}
			b := letterBoard(r, maxSide, maxSide, Lower)
			out = append(out, Case{Name: "random 12 x 12, 400 words", Input: input{Board: b, Words: mixed(r, b, 400, maxLen, Lower)}})
			b = letterBoard(r, 8, 9, "abcd")
			out = append(out, Case{Name: "random 8 x 9 over four letters, 300 words", Input: input{Board: b, Words: mixed(r, b, 300, maxLen, "abcd")}})
			out = append(out, Case{Name: "1 200 words behind seven shared a's", Input: shelf(r, maxSide-1, 1200, 7, 3), Large: true})
			out = append(out, Case{Name: "3 000 words behind six shared a's", Input: shelf(r, maxSide-1, 3000, 6, 4), Large: true})
			return out
		},
		// n is the number of words; the board grows with it (n / 1000 rows
		// of 'a' above the shelf), so searching each word on its own costs
		// at least O(n) per word, O(n^2) in all (the Go brute force fits
		// n^3: longer paths fit on taller boards), while the trie walks the
		// board once and the O(n) trie build dominates.
		Sizes: []int{1000, 2000, 3000, 4000, 6000, 8000, 11000},
		Scale: func(r *rand.Rand, n int) any { return shelf(r, n/1000, n, 4, 4) },
		Class: "n",
	})
}
