package gen

import "math/rand"

// implement-trie: random calls over small alphabets, so that words are often
// prefixes of each other and queries often stop in the middle of a word or
// run past its end; and for the large test and the probe n/2 distinct short
// words inserted, then n/2 startsWith queries that match none of them or
// only the last one: a brute force that keeps the words in a list scans the
// whole list on every query.
func init() {
	type input struct {
		Operations []string   `json:"operations"`
		Arguments  [][]string `json:"arguments"`
	}
	const (
		maxCalls   = 30_000
		maxLen     = 2000
		maxLetters = 300_000
	)
	word := func(r *rand.Rand, lo, hi int, alphabet string) string { return String(r, lo+r.Intn(hi-lo+1), alphabet) }
	// random draws n calls: inserts with probability pInsert, otherwise a
	// search or a startsWith of a fresh word, of a stored word, of a part
	// of one, or of one with letters added.
	random := func(r *rand.Rand, n int, pInsert float64, lo, hi int, alphabet string) *Design {
		d := NewDesign("Trie")
		var stored []string
		for d.Calls() < n {
			if len(stored) == 0 || r.Float64() < pInsert {
				w := word(r, lo, hi, alphabet)
				stored = append(stored, w)
				d.Call("insert", w)
				continue
			}
			q := stored[r.Intn(len(stored))]
			switch r.Intn(4) {
			case 0:
				q = word(r, lo, hi, alphabet)
			case 1:
				q = q[:1+r.Intn(len(q))]
			case 2:
				if len(q) < maxLen {
					q += word(r, 1, min(3, maxLen-len(q)), alphabet)
				}
			}
			if r.Intn(2) == 0 {
				d.Call("search", q)
			} else {
				d.Call("startsWith", q)
			}
		}
		return d
	}
	// manyThenPrefixes inserts n/2 distinct four-letter words over a to y,
	// then asks startsWith n/2 times: nine times out of ten for three
	// letters and a z, which matches nothing, and otherwise for "zzz", the
	// beginning of only the last word inserted, "zzzz".
	manyThenPrefixes := func(r *rand.Rand, n int) *Design {
		d := NewDesign("Trie")
		seen := map[string]bool{}
		for len(seen) < n/2-1 {
			w := String(r, 4, Lower[:25])
			if !seen[w] {
				seen[w] = true
				d.Call("insert", w)
			}
		}
		d.Call("insert", "zzzz")
		for i := 0; d.Calls() < n; i++ {
			if i%10 == 9 {
				d.Call("startsWith", "zzz")
			} else {
				d.Call("startsWith", String(r, 3, Lower[:25])+"z")
			}
		}
		return d
	}
	Register("implement-trie", Generator{
		Valid: Check(func(in input) error {
			if err := DesignShape("Trie", in.Operations, len(in.Arguments), maxCalls); err != nil {
				return err
			}
			if len(in.Arguments[0]) != 0 {
				return Errorf("the constructor takes no arguments")
			}
			letters := 0
			for k, op := range in.Operations[1:] {
				args := in.Arguments[k+1]
				if op != "insert" && op != "search" && op != "startsWith" {
					return Errorf("call %d: unknown operation %q", k+1, op)
				}
				if len(args) != 1 {
					return Errorf("call %d: %s takes one string", k+1, op)
				}
				s, name := args[0], "word"
				if op == "startsWith" {
					name = "prefix"
				}
				if err := Len(name, len(s), 1, maxLen); err != nil {
					return Errorf("call %d: %v", k+1, err)
				}
				for i := range len(s) {
					if s[i] < 'a' || s[i] > 'z' {
						return Errorf("call %d: %q is not all lower-case letters", k+1, s)
					}
				}
				letters += len(s)
			}
			if letters > maxLetters {
				return Errorf("%d letters in all, at most %d allowed", letters, maxLetters)
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			return []Case{
				{Name: "random small a", Input: random(r, 20, 0.4, 1, 3, "ab")},
				{Name: "random small b", Input: random(r, 40, 0.4, 1, 4, "abc")},
				{Name: "random nested words", Input: random(r, 300, 0.3, 1, 8, "ab")},
				{Name: "random many words", Input: random(r, 600, 0.5, 1, 6, "abcd")},
				{Name: "random long words", Input: random(r, 200, 0.4, 20, 60, "xyz")},
				{Name: "random all letters", Input: random(r, 400, 0.5, 1, 12, Lower)},
				{Name: "4500 words, then 4500 prefixes that match none or only the last", Input: manyThenPrefixes(r, 9000), Large: true},
			}
		},
		Sizes: []int{1250, 2500, 5000, 10_000, 20_000},
		Scale: func(r *rand.Rand, n int) any { return manyThenPrefixes(r, n) },
		Class: "n",
	})
}
