package gen

import (
	"math"
	"math/rand"
)

// min-stack: sequences of push, pop, top and getMin that never touch an
// empty stack. The probe pushes n/2 values, then asks for the minimum n/2
// times: the worst case of a getMin that scans the stack.
func init() {
	type input struct {
		Operations []string `json:"operations"`
		Arguments  [][]int  `json:"arguments"`
	}
	const maxCalls = 20_000
	// random draws n calls, pushing with probability pPush (always when
	// the stack is empty), values from [lo, hi].
	random := func(r *rand.Rand, n int, pPush float64, lo, hi int) *Design {
		d := NewDesign("MinStack")
		size := 0
		for d.Calls() < n {
			if size == 0 || r.Float64() < pPush {
				d.Call("push", lo+int(r.Int63n(int64(hi)-int64(lo)+1)))
				size++
				continue
			}
			switch r.Intn(3) {
			case 0:
				d.Call("pop")
				size--
			case 1:
				d.Call("top")
			default:
				d.Call("getMin")
			}
		}
		return d
	}
	// pushThenMin pushes n/2 values from [0, 9] then asks getMin n/2 times.
	pushThenMin := func(r *rand.Rand, n int) *Design {
		d := NewDesign("MinStack")
		for range n / 2 {
			d.Call("push", r.Intn(10))
		}
		for d.Calls() < n {
			d.Call("getMin")
		}
		return d
	}
	Register("min-stack", Generator{
		Valid: Check(func(in input) error {
			if err := DesignShape("MinStack", in.Operations, len(in.Arguments), maxCalls); err != nil {
				return err
			}
			size := 0
			for k, op := range in.Operations[1:] {
				args := in.Arguments[k+1]
				switch op {
				case "push":
					if len(args) != 1 {
						return Errorf("call %d: push takes one value", k+1)
					}
					if err := Range("val", args[0], math.MinInt32, math.MaxInt32); err != nil {
						return err
					}
					size++
				case "pop", "top", "getMin":
					if len(args) != 0 {
						return Errorf("call %d: %s takes no arguments", k+1, op)
					}
					if size == 0 {
						return Errorf("call %d: %s on an empty stack", k+1, op)
					}
					if op == "pop" {
						size--
					}
				default:
					return Errorf("call %d: unknown operation %q", k+1, op)
				}
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			return []Case{
				{Name: "random small a", Input: random(r, 12, 0.5, -5, 5)},
				{Name: "random small b", Input: random(r, 30, 0.4, -3, 3)},
				{Name: "random few distinct values", Input: random(r, 200, 0.5, 0, 2)},
				{Name: "random full int range", Input: random(r, 150, 0.6, math.MinInt32, math.MaxInt32)},
				{Name: "random deep stack", Input: random(r, 400, 0.8, -1000, 1000)},
				{Name: "8800 pushes then 8800 minimums", Input: pushThenMin(r, 17_600), Large: true},
			}
		},
		Sizes: []int{1250, 2500, 5000, 10_000, 20_000},
		Scale: func(r *rand.Rand, n int) any { return pushThenMin(r, n) },
		Class: "n",
	})
}
