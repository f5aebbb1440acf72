package gen

import "math/rand"

// longest-common-subsequence: two lower-case strings; the probe's inputs are
// two random strings of length n over a small alphabet.
func init() {
	type input struct {
		Text1 string `json:"text1"`
		Text2 string `json:"text2"`
	}
	lower := func(field, s string) error {
		for i := 0; i < len(s); i++ {
			if s[i] < 'a' || s[i] > 'z' {
				return Errorf("%s[%d] = %q is not a lower-case letter", field, i, s[i])
			}
		}
		return nil
	}
	Register("longest-common-subsequence", Generator{
		Valid: Check(func(in input) error {
			return All(Len("text1", len(in.Text1), 1, 1000), Len("text2", len(in.Text2), 1, 1000),
				lower("text1", in.Text1), lower("text2", in.Text2))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)),
					Input: input{String(r, 1+r.Intn(10), "abcd"), String(r, 1+r.Intn(10), "abcd")}})
			}
			out = append(out, Case{Name: "random two letters", Input: input{String(r, 14, "ab"), String(r, 12, "ab")}})
			out = append(out, Case{Name: "random 800 and 1000 letters", Input: input{String(r, 800, Lower), String(r, 1000, "aeioust")}, Large: true})
			return out
		},
		Sizes: []int{62, 125, 250, 500, 1000},
		Scale: func(r *rand.Rand, n int) any { return input{String(r, n, "abcdef"), String(r, n, "abcdef")} },
		Class: "n^2",
	})
}
