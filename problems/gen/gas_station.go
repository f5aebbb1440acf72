package gen

import "math/rand"

// gas-station: random circuits, with and without a (unique) start; the
// probe feeds balanced stations whose only start is the last one, so every
// simulated start gets almost all the way round before it fails.
func init() {
	type input struct {
		Gas  []int `json:"gas"`
		Cost []int `json:"cost"`
	}
	const hi = 10_000
	// starts counts the valid starts in O(n): with total >= 0, s works
	// exactly when its prefix sum P(s) is <= every later P(j) (j <= n) and
	// <= total + every earlier-or-equal P(j) (1 <= j <= s).
	starts := func(in input) int {
		n := len(in.Gas)
		p := make([]int, n+1)
		for i := range n {
			p[i+1] = p[i] + in.Gas[i] - in.Cost[i]
		}
		total := p[n]
		if total < 0 {
			return 0
		}
		suf := make([]int, n+2)
		suf[n] = p[n]
		for j := n - 1; j >= 0; j-- {
			suf[j] = min(p[j], suf[j+1])
		}
		count := 0
		pre := 1 << 62 // min of p[1..s]
		for s := range n {
			if s > 0 {
				pre = min(pre, p[s])
			}
			if p[s] <= suf[s] && (s == 0 || p[s] <= total+pre) {
				count++
			}
		}
		return count
	}
	// draw returns a circuit of n stations with values in [0, top] and at
	// most one valid start (redrawing on a tie).
	draw := func(r *rand.Rand, n, top int) input {
		for {
			in := input{Ints(r, n, 0, top), Ints(r, n, 0, top)}
			if starts(in) <= 1 {
				return in
			}
		}
	}
	// solvable is draw with the cost lowered until a start exists.
	solvable := func(r *rand.Rand, n, top int) input {
		for {
			in := draw(r, n, top)
			sum := 0
			for i := range n {
				sum += in.Gas[i] - in.Cost[i]
			}
			for sum < 0 {
				i := r.Intn(n)
				if in.Cost[i] > 0 {
					in.Cost[i]--
					sum++
				}
			}
			if starts(in) == 1 {
				return in
			}
		}
	}
	Register("gas-station", Generator{
		Valid: Check(func(in input) error {
			if len(in.Gas) != len(in.Cost) {
				return Errorf("len(gas) = %d but len(cost) = %d", len(in.Gas), len(in.Cost))
			}
			if err := All(Len("gas", len(in.Gas), 1, 100_000), EachIn("gas", in.Gas, 0, hi), EachIn("cost", in.Cost, 0, hi)); err != nil {
				return err
			}
			if k := starts(in); k > 1 {
				return Errorf("%d valid starting stations, want at most one", k)
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 3 {
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: draw(r, 1+r.Intn(10), 6)})
				out = append(out, Case{Name: "random small solvable " + string(rune('a'+k)), Input: solvable(r, 1+r.Intn(10), 6)})
			}
			out = append(out, Case{Name: "random wide solvable", Input: solvable(r, 300, hi)})
			out = append(out, Case{Name: "random wide", Input: draw(r, 300, hi)})
			return out
		},
		Sizes: []int{1000, 2000, 4000, 8000, 16000, 32000, 64000},
		Scale: func(r *rand.Rand, n int) any {
			gas := Ints(r, n, 0, 9)
			cost := append([]int(nil), gas...)
			gas[n-2], cost[n-2] = 3, 4
			gas[n-1], cost[n-1] = 5, 4
			return input{gas, cost}
		},
		Class: "n",
	})
}
