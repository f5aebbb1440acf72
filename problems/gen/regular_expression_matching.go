package gen

import (
	"math/rand"
	"strings"
)

// regular-expression-matching: patterns are built from a random string (so
// about half of them match), then sometimes mutated.
func init() {
	type input struct {
		S string `json:"s"`
		P string `json:"p"`
	}
	// pattern builds a pattern that matches s, with starred elements that
	// cover runs or match nothing; mutate changes one pattern letter.
	pattern := func(r *rand.Rand, s string, mutate bool) string {
		var b strings.Builder
		for i := 0; i < len(s); {
			if r.Intn(4) == 0 { // a starred element that matches nothing
				b.WriteByte("ab"[r.Intn(2)])
				b.WriteByte('*')
			}
			switch k := r.Intn(4); k {
			case 0:
				b.WriteByte(s[i])
				i++
			case 1:
				b.WriteByte('.')
				i++
			case 2: // a run of s[i]
				c := s[i]
				for i < len(s) && s[i] == c && r.Intn(3) > 0 {
					i++
				}
				b.WriteByte(c)
				b.WriteByte('*')
			default: // '.*' over a few characters
				i += r.Intn(3)
				if i > len(s) {
					i = len(s)
				}
				b.WriteString(".*")
			}
		}
		if b.Len() == 0 {
			b.WriteString("a*")
		}
		p := []byte(b.String())
		if mutate {
			k := r.Intn(len(p))
			if p[k] != '*' {
				p[k] = "abc"[r.Intn(3)]
			}
		}
		return string(p)
	}
	Register("regular-expression-matching", Generator{
		Valid: Check(func(in input) error {
			if err := All(Len("s", len(in.S), 0, 500), Len("p", len(in.P), 1, 500)); err != nil {
				return err
			}
			for i := 0; i < len(in.S); i++ {
				if in.S[i] < 'a' || in.S[i] > 'z' {
					return Errorf("s[%d] = %q is not a lower-case letter", i, in.S[i])
				}
			}
			for j := 0; j < len(in.P); j++ {
				c := in.P[j]
				switch {
				case c == '*':
					if j == 0 || in.P[j-1] == '*' {
						return Errorf("p[%d] = '*' does not follow a letter or '.'", j)
					}
				case c != '.' && (c < 'a' || c > 'z'):
					return Errorf("p[%d] = %q is not a letter, '.' or '*'", j, c)
				}
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 6 {
				s := String(r, r.Intn(9), "ab")
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{s, pattern(r, s, k%2 == 1)}})
			}
			s := String(r, 200, "abc")
			out = append(out, Case{Name: "random 200 letters", Input: input{s, pattern(r, s, false)}})
			return out
		},
		Sizes: []int{32, 64, 128, 256, 500},
		Scale: func(r *rand.Rand, n int) any {
			return input{strings.Repeat("a", n), strings.Repeat("a*", n/2-1) + "b"}
		},
		Class: "n^2",
	})
}
