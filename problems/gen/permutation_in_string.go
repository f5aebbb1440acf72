package gen

import "math/rand"

func init() {
	type input struct {
		S1 string `json:"s1"`
		S2 string `json:"s2"`
	}
	lower := func(field, s string) error {
		if err := Len(field, len(s), 1, 100_000); err != nil {
			return err
		}
		for i := 0; i < len(s); i++ {
			if s[i] < 'a' || s[i] > 'z' {
				return Errorf("%s[%d] = %q is not a lowercase letter", field, i, s[i])
			}
		}
		return nil
	}
	shuffled := func(r *rand.Rand, s string) string {
		b := []byte(s)
		r.Shuffle(len(b), func(i, j int) { b[i], b[j] = b[j], b[i] })
		return string(b)
	}
	// atEnd returns s2 of n letters whose only rearrangement of s1 (of m
	// letters) is likely its last window: the worst case for recounting.
	atEnd := func(r *rand.Rand, n, m int) input {
		s2 := String(r, n, "abcde")
		return input{shuffled(r, s2[n-m:]), s2}
	}
	Register("permutation-in-string", Generator{
		Valid: Check(func(in input) error { return All(lower("s1", in.S1), lower("s2", in.S2)) }),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				s2 := String(r, 1+r.Intn(20), "abc")
				var s1 string
				if k%2 == 0 { // a rearranged piece of s2
					i := r.Intn(len(s2))
					s1 = shuffled(r, s2[i:i+1+r.Intn(len(s2)-i)])
				} else {
					s1 = String(r, 1+r.Intn(4), "abc")
				}
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{s1, s2}})
			}
			out = append(out, Case{Name: "random rearranged tail", Input: atEnd(r, 2000, 300)})
			out = append(out, Case{Name: "random no match", Input: input{String(r, 50, "ab") + "c", String(r, 3000, "ab")}})
			out = append(out, Case{Name: "40 000 letters, match at the end of 100 000", Input: atEnd(r, 100_000, 40_000), Large: true})
			big := String(r, 60_000, "abcde")
			out = append(out, Case{Name: "30 000 letters, no match in 60 000", Input: input{shuffled(r, big[20_000:49_999]) + "z", big}, Large: true})
			return out
		},
		Sizes: []int{6250, 12500, 25000, 50000, 100000},
		Scale: func(r *rand.Rand, n int) any { return atEnd(r, n, n/3) },
		Class: "n",
	})
}
