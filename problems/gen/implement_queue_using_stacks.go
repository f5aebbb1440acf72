package gen

import "math/rand"

// implement-queue-using-stacks: random sequences that never pop or peek an
// empty queue, and for the large test and the probe n/2 pushes followed by
// two pushes and a peek in turn: a queue that moves every element on each push
// (or each peek) does O(n) work per call.
func init() {
	type input struct {
		Operations []string `json:"operations"`
		Arguments  [][]int  `json:"arguments"`
	}
	const (
		maxCalls = 20_000
		maxValue = 1_000_000_000
	)
	random := func(r *rand.Rand, n int, pPush float64, hi int) *Design {
		d := NewDesign("MyQueue")
		size := 0
		for d.Calls() < n {
			if size == 0 && r.Intn(4) == 0 {
				d.Call("empty")
				continue
			}
			if size == 0 || r.Float64() < pPush {
				d.Call("push", r.Intn(hi+1))
				size++
				continue
			}
			switch r.Intn(3) {
			case 0:
				d.Call("pop")
				size--
			case 1:
				d.Call("peek")
			default:
				d.Call("empty")
			}
		}
		return d
	}
	fillThenMix := func(r *rand.Rand, n int) *Design {
		d := NewDesign("MyQueue")
		for range n / 2 {
			d.Call("push", r.Intn(10))
		}
		for i := 0; d.Calls() < n; i++ {
			if i%3 != 2 {
				d.Call("push", r.Intn(10))
			} else {
				d.Call("peek")
			}
		}
		return d
	}
	Register("implement-queue-using-stacks", Generator{
		Valid: Check(func(in input) error {
			if err := DesignShape("MyQueue", in.Operations, len(in.Arguments), maxCalls); err != nil {
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
					if err := Range("x", args[0], 0, maxValue); err != nil {
						return err
					}
					size++
				case "pop", "peek", "empty":
					if len(args) != 0 {
						return Errorf("call %d: %s takes no arguments", k+1, op)
					}
					if op != "empty" && size == 0 {
						return Errorf("call %d: %s on an empty queue", k+1, op)
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
				{Name: "random small a", Input: random(r, 15, 0.5, 9)},
				{Name: "random small b", Input: random(r, 40, 0.4, 100)},
				{Name: "random wide values", Input: random(r, 150, 0.5, maxValue)},
				{Name: "random long queue", Input: random(r, 400, 0.7, 1000)},
				{Name: "random short queue", Input: random(r, 400, 0.35, 50)},
				{Name: "8800 pushes, then two pushes and a peek in turn", Input: fillThenMix(r, 17_600), Large: true},
			}
		},
		Sizes: []int{1250, 2500, 5000, 10_000, 20_000},
		Scale: func(r *rand.Rand, n int) any { return fillThenMix(r, n) },
		Class: "n",
	})
}
