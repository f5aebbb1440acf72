package gen

import "math/rand"

func init() {
	type input struct {
		S string `json:"s"`
		T string `json:"t"`
	}
	letters := func(field, s string) error {
		if err := Len(field, len(s), 1, 100_000); err != nil {
			return err
		}
		for i := 0; i < len(s); i++ {
			c := s[i]
			if (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') {
				return Errorf("%s[%d] = %q is not an English letter", field, i, c)
			}
		}
		return nil
	}
	// lateZ returns n random lower-case letters ending in a 'Z', with t
	// asking for the 'Z' and a few letters: every window must reach the
	// end, the worst case for extending from every start.
	lateZ := func(r *rand.Rand, n int) input {
		return input{String(r, n-1, "abcdefgh") + "Z", "Z" + String(r, 3, "abcdefgh")}
	}
	Register("minimum-window-substring", Generator{
		Valid: Check(func(in input) error { return All(letters("s", in.S), letters("t", in.T)) }),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)),
					Input: input{String(r, 1+r.Intn(25), "abcAB"), String(r, 1+r.Intn(4), "abcAB")}})
			}
			out = append(out, Case{Name: "random mixed case", Input: input{String(r, 3000, "abcdefABCDEF"), String(r, 12, "abcdefABCDEF")}})
			out = append(out, Case{Name: "random long t", Input: input{String(r, 4000, "abcd"), String(r, 600, "abcd")}})
			out = append(out, Case{Name: "80 000 letters, the needed Z at the end", Input: lateZ(r, 80_000), Large: true})
			s := String(r, 60_000, "abcdefghij")
			out = append(out, Case{Name: "30 000 letters of t in 60 000", Input: input{s, s[10_000:40_000]}, Large: true})
			return out
		},
		Sizes: []int{6250, 12500, 25000, 50000, 100000},
		Scale: func(r *rand.Rand, n int) any { return lateZ(r, n) },
		Class: "n",
	})
}
