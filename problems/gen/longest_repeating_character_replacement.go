package gen

import "math/rand"

func init() {
	type input struct {
		S string `json:"s"`
		K int    `json:"k"`
	}
	const upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	// mostlyA returns n letters, about four in five of them 'A': the
	// fixable stretches are long, the worst case for extending from every
	// start.
	mostlyA := func(r *rand.Rand, n int) string {
		b := []byte(String(r, n, upper))
		for i := range b {
			if r.Intn(5) != 0 {
				b[i] = 'A'
			}
		}
		return string(b)
	}
	Register("longest-repeating-character-replacement", Generator{
		Valid: Check(func(in input) error {
			if err := Len("s", len(in.S), 1, 100_000); err != nil {
				return err
			}
			for i := 0; i < len(in.S); i++ {
				if in.S[i] < 'A' || in.S[i] > 'Z' {
					return Errorf("s[%d] = %q is not an uppercase letter", i, in.S[i])
				}
			}
			return Range("k", in.K, 0, len(in.S))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				n := 1 + r.Intn(30)
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{String(r, n, "ABC"), r.Intn(n/2 + 1)}})
			}
			out = append(out, Case{Name: "random all letters", Input: input{String(r, 2000, upper), 40}})
			out = append(out, Case{Name: "random two letters", Input: input{String(r, 3000, "AB"), 100}})
			out = append(out, Case{Name: "100 000 letters, mostly A", Input: input{mostlyA(r, 100_000), 5000}, Large: true})
			return out
		},
		Sizes: []int{6250, 12500, 25000, 50000, 100000},
		Scale: func(r *rand.Rand, n int) any { return input{mostlyA(r, n), n / 20} },
		Class: "n",
	})
}
