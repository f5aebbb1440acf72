package gen

import "math/rand"

func init() {
	type input struct {
		Strs []string `json:"strs"`
	}
	words := func(r *rand.Rand, n, maxLen int, alphabet string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = String(r, r.Intn(maxLen+1), alphabet)
		}
		return out
	}
	Register("group-anagrams", Generator{
		Valid: Check(func(in input) error {
			if err := Len("strs", len(in.Strs), 1, 10_000); err != nil {
				return err
			}
			for i, s := range in.Strs {
				if len(s) > 100 {
					return Errorf("strs[%d] is longer than 100", i)
				}
				for _, c := range s {
					if c < 'a' || c > 'z' {
						return Errorf("strs[%d] has %q, not a lower-case letter", i, c)
					}
				}
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			return []Case{
				{Name: "random tiny alphabet", Input: input{words(r, 30, 3, "ab")}},
				{Name: "random short words", Input: input{words(r, 40, 4, "abcd")}},
				{Name: "random with empty words", Input: input{append(words(r, 10, 2, "xyz"), "", "")}},
				{Name: "random long words", Input: input{words(r, 20, 100, "ab")}},
			}
		},
		Sizes: []int{625, 1250, 2500, 5000, 10000},
		// Nearly every word alone: the worst case for comparing each word
		// with every group.
		Scale: func(r *rand.Rand, n int) any {
			out := make([]string, n)
			for i := range out {
				out[i] = String(r, 8, Lower)
			}
			return input{out}
		},
		Class: "n",
	})
}
