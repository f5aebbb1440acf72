package gen

import "math/rand"

func init() {
	type input struct {
		L1 []int `json:"l1"`
		L2 []int `json:"l2"`
	}
	// number returns n digits, least significant first, with no leading
	// zero (the last digit is non-zero unless the number is 0).
	number := func(r *rand.Rand, n int, lo int) []int {
		d := Ints(r, n, lo, 9)
		if n > 1 && d[n-1] == 0 {
			d[n-1] = 1 + r.Intn(9)
		}
		return d
	}
	digits := func(field string, d []int) error {
		if err := All(Len(field, len(d), 1, 10_000), EachIn(field, d, 0, 9)); err != nil {
			return err
		}
		if len(d) > 1 && d[len(d)-1] == 0 {
			return Errorf("%s has a leading zero", field)
		}
		return nil
	}
	Register("add-two-numbers", Generator{
		Valid: Check(func(in input) error { return All(digits("l1", in.L1), digits("l2", in.L2)) }),
		Tests: func(r *rand.Rand) []Case {
			return []Case{
				{Name: "random short numbers", Input: input{number(r, 4, 0), number(r, 6, 0)}},
				{Name: "random same length", Input: input{number(r, 12, 0), number(r, 12, 0)}},
				{Name: "random long carries", Input: input{number(r, 40, 7), number(r, 35, 7)}},
				{Name: "random twenty five digits", Input: input{number(r, 25, 0), number(r, 25, 0)}},
				{Name: "random large", Input: input{number(r, 10_000, 0), number(r, 9_000, 0)}, Large: true},
			}
		},
		Sizes: []int{625, 1250, 2500, 5000, 10000},
		Scale: func(r *rand.Rand, n int) any { return input{number(r, n, 0), number(r, n, 0)} },
		Class: "n",
	})
}
