package gen

import (
	"math/rand"
	"strings"
)

// word-ladder: dictionaries over a small alphabet (so words have
// neighbours), with endWord usually in the list and sometimes not.
func init() {
	type input struct {
		BeginWord string   `json:"beginWord"`
		EndWord   string   `json:"endWord"`
		WordList  []string `json:"wordList"`
	}
	const maxLen, maxWords = 10, 20000
	// dictionary draws n distinct words of length l over alphabet, a
	// beginWord (in the list when inList) and an endWord in the list
	// unless missing.
	dictionary := func(r *rand.Rand, n, l int, alphabet string, inList, missing bool) input {
		seen := map[string]bool{}
		var words []string
		for len(words) < n {
			w := String(r, l, alphabet)
			if !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
		begin := words[r.Intn(n)]
		if !inList {
			for seen[begin] {
				begin = String(r, l, alphabet)
			}
		}
		end := words[r.Intn(n)]
		for end == begin {
			end = words[r.Intn(n)]
		}
		if missing {
			for seen[end] || end == begin {
				end = String(r, l, alphabet)
			}
		}
		return input{BeginWord: begin, EndWord: end, WordList: words}
	}
	lowerOnly := func(field, w string, l int) error {
		if len(w) != l {
			return Errorf("%s %q has %d letters, want %d", field, w, len(w), l)
		}
		for _, ch := range w {
			if ch < 'a' || ch > 'z' {
				return Errorf("%s %q holds %q, not a lowercase letter", field, w, ch)
			}
		}
		return nil
	}
	Register("word-ladder", Generator{
		Valid: Check(func(in input) error {
			l := len(in.BeginWord)
			if err := All(Range("len(beginWord)", l, 1, maxLen), Len("wordList", len(in.WordList), 1, maxWords),
				lowerOnly("beginWord", in.BeginWord, l), lowerOnly("endWord", in.EndWord, l)); err != nil {
				return err
			}
			if in.BeginWord == in.EndWord {
				return Errorf("beginWord equals endWord")
			}
			seen := map[string]bool{}
			for i, w := range in.WordList {
				if err := lowerOnly("wordList[i]", w, l); err != nil {
					return err
				}
				if seen[w] {
					return Errorf("wordList[%d] = %q appears twice", i, w)
				}
				seen[w] = true
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)),
					Input: dictionary(r, 2+r.Intn(5), 2+r.Intn(2), "abc", k%2 == 0, k == 3)})
			}
			out = append(out, Case{Name: "random 300 three-letter words", Input: dictionary(r, 300, 3, "abcdefgh", false, false)})
			out = append(out, Case{Name: "random 500 five-letter words", Input: dictionary(r, 500, 5, "abcd", true, false)})
			return out
		},
		Sizes: []int{1000, 2000, 4000, 8000, 16000},
		Scale: func(r *rand.Rand, n int) any {
			// Five-letter words over eight letters: enough neighbours for a
			// long search, and an unreachable endWord makes it visit the
			// whole component of beginWord.
			in := dictionary(r, n, 5, "abcdefgh", false, false)
			in.WordList = append(in.WordList[:0:0], in.WordList...)
			in.EndWord = strings.Repeat("z", 5)
			in.WordList[r.Intn(n)] = in.EndWord
			return in
		},
		Class: "n",
	})
}
