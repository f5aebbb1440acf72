package gen

import (
	"math/rand"
	"strings"
)

func init() {
	type input struct {
		S string `json:"s"`
	}
	// balanced draws a balanced string of n (even) brackets.
	balanced := func(r *rand.Rand, n int) string {
		var b strings.Builder
		var stack []byte
		pairs := map[byte]byte{'(': ')', '[': ']', '{': '}'}
		for b.Len()+len(stack) < n {
			if len(stack) > 0 && (r.Intn(2) == 0 || b.Len()+2*len(stack) >= n) {
				b.WriteByte(pairs[stack[len(stack)-1]])
				stack = stack[:len(stack)-1]
				continue
			}
			c := "([{"[r.Intn(3)]
			b.WriteByte(c)
			stack = append(stack, c)
		}
		for len(stack) > 0 {
			b.WriteByte(pairs[stack[len(stack)-1]])
			stack = stack[:len(stack)-1]
		}
		return b.String()
	}
	Register("valid-parentheses", Generator{
		Valid: Check(func(in input) error {
			if err := Len("s", len(in.S), 1, 100_000); err != nil {
				return err
			}
			if i := strings.IndexFunc(in.S, func(c rune) bool { return !strings.ContainsRune("()[]{}", c) }); i >= 0 {
				return Errorf("s[%d] is not a bracket", i)
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			s := balanced(r, 40)
			i := strings.IndexAny(s[20:], ")]}") + 20
			swapped := s[:i] + map[byte]string{')': "]", ']': "}", '}': ")"}[s[i]] + s[i+1:]
			return []Case{
				{Name: "random balanced", Input: input{balanced(r, 30)}},
				{Name: "random one swapped closer", Input: input{swapped}},
				{Name: "random noise", Input: input{String(r, 17, "()[]{}")}},
				{Name: "random balanced with an extra opener", Input: input{balanced(r, 24) + "("}},
			}
		},
		Sizes: []int{3125, 6250, 12500, 25000, 50000, 100000},
		Scale: func(r *rand.Rand, n int) any { return input{balanced(r, n)} },
		Class: "n",
	})
}
