package gen

import "math/rand"

func init() {
	type input struct {
		S string `json:"s"`
	}
	reverse := func(s string) string {
		b := []byte(s)
		for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
			b[i], b[j] = b[j], b[i]
		}
		return string(b)
	}
	Register("valid-palindrome", Generator{
		Valid: Check(func(in input) error {
			if err := Len("s", len(in.S), 1, 200_000); err != nil {
				return err
			}
			for i := 0; i < len(in.S); i++ {
				if in.S[i] < 32 || in.S[i] > 126 {
					return Errorf("s[%d] is not printable ASCII", i)
				}
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			half := String(r, 30, "abAB1 ,.")
			return []Case{
				{Name: "random palindrome with punctuation", Input: input{half + reverse(half)}},
				{Name: "random noise", Input: input{String(r, 40, "aB3 !?")}},
				{Name: "random only symbols", Input: input{String(r, 25, " ,.!?-:;")}},
				{Name: "random digits and letters", Input: input{String(r, 11, "0P")}},
			}
		},
		Sizes: []int{6250, 12500, 25000, 50000, 100000, 200000},
		// A palindrome under noise: every character must be looked at.
		Scale: func(r *rand.Rand, n int) any {
			half := String(r, n/2, "aA1 ,")
			return input{half + reverse(half)}
		},
		Class: "n",
	})
}
