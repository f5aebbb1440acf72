package gen

import "math/rand"

func init() {
	type input struct {
		S string `json:"s"`
	}
	printable := func() string {
		b := make([]byte, 0, 95)
		for c := byte(32); c <= 126; c++ {
			b = append(b, c)
		}
		return string(b)
	}()
	Register("longest-substring-without-repeating-characters", Generator{
		Valid: Check(func(in input) error {
			if len(in.S) > 100_000 {
				return Errorf("len(s) = %d is over 10^5", len(in.S))
			}
			for i := 0; i < len(in.S); i++ {
				if in.S[i] < 32 || in.S[i] > 126 {
					return Errorf("s[%d] is not printable ASCII", i)
				}
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			return []Case{
				{Name: "random two letters", Input: input{String(r, 40, "ab")}},
				{Name: "random digits", Input: input{String(r, 60, "0123456789")}},
				{Name: "random printable", Input: input{String(r, 300, printable)}},
				{Name: "random letters and spaces", Input: input{String(r, 200, "abc de")}},
			}
		},
		Sizes: []int{3125, 6250, 12500, 25000, 50000, 100000},
		// Every printable character, shuffled in blocks: windows stay long,
		// the worst case for restarting the scan at every position.
		Scale: func(r *rand.Rand, n int) any {
			b := make([]byte, 0, n)
			for len(b) < n {
				p := []byte(printable)
				r.Shuffle(len(p), func(i, j int) { p[i], p[j] = p[j], p[i] })
				b = append(b, p...)
			}
			return input{string(b[:n])}
		},
		Class: "n",
	})
}
