package gen

import (
	"math"
	"math/rand"
	"strconv"
)

func init() {
	type input struct {
		Tokens []string `json:"tokens"`
	}
	// apply evaluates a op b, reporting false for a division by zero or a
	// result outside 32 bits.
	apply := func(op string, a, b int64) (int64, bool) {
		var v int64
		switch op {
		case "+":
			v = a + b
		case "-":
			v = a - b
		case "*":
			v = a * b
		case "/":
			if b == 0 {
				return 0, false
			}
			v = a / b // truncates toward zero
		default:
			return 0, false
		}
		return v, v >= math.MinInt32 && v <= math.MaxInt32
	}
	ops := []string{"+", "-", "*", "/"}
	// random returns a valid expression of m numbers drawn from [-lim, lim]
	// whose every intermediate value fits in 32 bits.
	random := func(r *rand.Rand, m, lim int) []string {
		var toks []string
		var stack []int64
		pushed := 0
		for pushed < m || len(stack) > 1 {
			if len(stack) >= 2 && (pushed == m || r.Intn(2) == 0) {
				a, b := stack[len(stack)-2], stack[len(stack)-1]
				for _, k := range r.Perm(4) {
					if v, ok := apply(ops[k], a, b); ok {
						stack = append(stack[:len(stack)-2], v)
						toks = append(toks, ops[k])
						break
					}
				}
				continue
			}
			v := r.Intn(2*lim+1) - lim
			stack = append(stack, int64(v))
			toks = append(toks, strconv.Itoa(v))
			pushed++
		}
		return toks
	}
	// numbersFirst returns m numbers followed by m - 1 additions and
	// subtractions: the first operator is as far as it can be, the worst
	// case for rescanning the list.
	numbersFirst := func(r *rand.Rand, m int) []string {
		toks := make([]string, 0, 2*m-1)
		for range m {
			toks = append(toks, strconv.Itoa(r.Intn(9)+1))
		}
		for range m - 1 {
			toks = append(toks, []string{"+", "-"}[r.Intn(2)])
		}
		return toks
	}
	Register("evaluate-reverse-polish-notation", Generator{
		Valid: Check(func(in input) error {
			if err := Len("tokens", len(in.Tokens), 1, 100_000); err != nil {
				return err
			}
			var stack []int64
			for i, t := range in.Tokens {
				switch t {
				case "+", "-", "*", "/":
					if len(stack) < 2 {
						return Errorf("tokens[%d] = %q has fewer than two operands", i, t)
					}
					v, ok := apply(t, stack[len(stack)-2], stack[len(stack)-1])
					if !ok {
						return Errorf("tokens[%d] = %q divides by zero or leaves 32 bits", i, t)
					}
					stack = append(stack[:len(stack)-2], v)
				default:
					v, err := strconv.Atoi(t)
					if err != nil || strconv.Itoa(v) != t {
						return Errorf("tokens[%d] = %q is neither an operator nor a plain integer", i, t)
					}
					if err := Range("tokens["+strconv.Itoa(i)+"]", v, -200, 200); err != nil {
						return err
					}
					stack = append(stack, int64(v))
				}
			}
			if len(stack) != 1 {
				return Errorf("the tokens leave %d values, want 1", len(stack))
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: input{random(r, 1+r.Intn(8), 10)}})
			}
			out = append(out, Case{Name: "random full range", Input: input{random(r, 500, 200)}})
			out = append(out, Case{Name: "random small numbers, many divisions", Input: input{random(r, 800, 3)}})
			out = append(out, Case{Name: "30 000 numbers, then 29 999 operators", Input: input{numbersFirst(r, 30_000)}, Large: true})
			return out
		},
		Sizes: []int{4001, 8001, 16001, 32001, 64001},
		Scale: func(r *rand.Rand, n int) any { return input{numbersFirst(r, (n+1)/2)} },
		Class: "n",
	})
}
