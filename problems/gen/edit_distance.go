package gen

import "math/rand"

// edit-distance: two lower-case words, either may be empty; the probe's
// inputs are two random words of length n.
func init() {
	type input struct {
		Word1 string `json:"word1"`
		Word2 string `json:"word2"`
	}
	lower := func(field, s string) error {
		for i := 0; i < len(s); i++ {
			if s[i] < 'a' || s[i] > 'z' {
				return Errorf("%s[%d] = %q is not a lower-case letter", field, i, s[i])
			}
		}
		return nil
	}
	Register("edit-distance", Generator{
		Valid: Check(func(in input) error {
			return All(Len("word1", len(in.Word1), 0, 1000), Len("word2", len(in.Word2), 0, 1000),
				lower("word1", in.Word1), lower("word2", in.Word2))
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)),
					Input: input{String(r, r.Intn(9), "abcd"), String(r, r.Intn(9), "abcd")}})
			}
			out = append(out, Case{Name: "random two letters", Input: input{String(r, 9, "ab"), String(r, 8, "ab")}})
			out = append(out, Case{Name: "random 1000 and 700 letters", Input: input{String(r, 1000, "abcde"), String(r, 700, "abcde")}, Large: true})
			return out
		},
		Sizes: []int{62, 125, 250, 500, 1000},
		Scale: func(r *rand.Rand, n int) any { return input{String(r, n, Lower), String(r, n, Lower)} },
		Class: "n^2",
	})
}
