package gen

import (
	"math/rand"
	"strings"
)

// valid-anagram: random anagram pairs (a shuffle) and near misses (one
// letter changed, or one added); the probe feeds a string of one repeated
// letter, the worst case of crossing letters out one by one.
func init() {
	type input struct {
		S string `json:"s"`
		T string `json:"t"`
	}
	const maxLen = 100_000
	shuffle := func(r *rand.Rand, s string) string {
		b := []byte(s)
		r.Shuffle(len(b), func(i, j int) { b[i], b[j] = b[j], b[i] })
		return string(b)
	}
	lower := func(field, s string) error {
		for i := 0; i < len(s); i++ {
			if s[i] < 'a' || s[i] > 'z' {
				return Errorf("%s[%d] = %q is not a lower-case letter", field, i, s[i])
			}
		}
		return nil
	}
	Register("valid-anagram", Generator{
		Valid: Check(func(in input) error {
			return All(Len("s", len(in.S), 1, maxLen), Len("t", len(in.T), 1, maxLen), lower("s", in.S), lower("t", in.T))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 3 {
				n := 1 + r.Intn(30)
				s := String(r, n, Lower[:1+r.Intn(26)])
				out = append(out, Case{Name: "random anagram " + string(rune('a'+k)), Input: input{s, shuffle(r, s)}})
				// Change one letter of the shuffle to a different one.
				b := []byte(shuffle(r, s))
				i := r.Intn(len(b))
				b[i] = 'a' + (b[i]-'a'+byte(1+r.Intn(25)))%26
				out = append(out, Case{Name: "random one letter changed " + string(rune('a'+k)), Input: input{s, string(b)}})
			}
			s := String(r, 500, "abc")
			out = append(out, Case{Name: "random three letters", Input: input{s, shuffle(r, s)}})
			out = append(out, Case{Name: "random one letter extra", Input: input{s, shuffle(r, s+"b")}})
			return out
		},
		Sizes: []int{2000, 4000, 8000, 16000, 32000, 64000},
		Scale: func(r *rand.Rand, n int) any {
			s := strings.Repeat("a", n)
			return input{s, s}
		},
		Class: "n",
	})
}
