package gen

import (
	"encoding/json"
	"math/rand"
)

// time-based-key-value-store: random sets (timestamps strictly increasing
// over all keys) and gets at any time; for the large test and the probe one
// key's long history read at times before, between and after its writes.
func init() {
	type input struct {
		Operations []string            `json:"operations"`
		Arguments  [][]json.RawMessage `json:"arguments"`
	}
	const (
		maxCalls = 20_000
		maxTime  = 10_000_000
	)
	word := func(r *rand.Rand, lo, hi int, alphabet string) string { return String(r, lo+r.Intn(hi-lo+1), alphabet) }
	// random draws n calls over keys from a small pool, each set at a time
	// step up to gap after the last.
	random := func(r *rand.Rand, n, keys, gap int) *Design {
		d := NewDesign("TimeMap")
		pool := make([]string, keys)
		for i := range pool {
			pool[i] = word(r, 1, 4, "abc")
		}
		t := 0
		for d.Calls() < n {
			k := pool[r.Intn(keys)]
			if r.Intn(2) == 0 && t+gap <= maxTime {
				t += 1 + r.Intn(gap)
				d.Call("set", k, word(r, 1, 6, Lower), t)
			} else {
				d.Call("get", k, 1+r.Intn(min(t+2*gap, maxTime)))
			}
		}
		return d
	}
	// history sets one key n/2 times, then reads it n/2 times at random
	// times.
	history := func(r *rand.Rand, n int) *Design {
		d := NewDesign("TimeMap")
		t := 0
		for range n / 2 {
			t += 1 + r.Intn(100)
			d.Call("set", "k", string(Lower[r.Intn(26)]), t)
		}
		for d.Calls() < n {
			d.Call("get", "k", 1+r.Intn(t+100))
		}
		return d
	}
	isWord := func(s string) bool {
		if len(s) < 1 || len(s) > 20 {
			return false
		}
		for i := range len(s) {
			if s[i] < 'a' || s[i] > 'z' {
				return false
			}
		}
		return true
	}
	Register("time-based-key-value-store", Generator{
		Valid: Check(func(in input) error {
			if err := DesignShape("TimeMap", in.Operations, len(in.Arguments), maxCalls); err != nil {
				return err
			}
			last := 0
			for k, op := range in.Operations[1:] {
				args := in.Arguments[k+1]
				var key, value string
				var t int
				switch op {
				case "set":
					if len(args) != 3 || json.Unmarshal(args[0], &key) != nil || json.Unmarshal(args[1], &value) != nil || json.Unmarshal(args[2], &t) != nil {
						return Errorf("call %d: set takes a key, a value and a timestamp", k+1)
					}
					if !isWord(value) {
						return Errorf("call %d: value %q is not 1 to 20 lower-case letters", k+1, value)
					}
					if t <= last {
						return Errorf("call %d: set timestamp %d does not increase (last %d)", k+1, t, last)
					}
					last = t
				case "get":
					if len(args) != 2 || json.Unmarshal(args[0], &key) != nil || json.Unmarshal(args[1], &t) != nil {
						return Errorf("call %d: get takes a key and a timestamp", k+1)
					}
				default:
					return Errorf("call %d: unknown operation %q", k+1, op)
				}
				if !isWord(key) {
					return Errorf("call %d: key %q is not 1 to 20 lower-case letters", k+1, key)
				}
				if err := Range("timestamp", t, 1, maxTime); err != nil {
					return err
				}
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			return []Case{
				{Name: "random small a", Input: random(r, 20, 2, 3)},
				{Name: "random small b", Input: random(r, 40, 4, 5)},
				{Name: "random many keys", Input: random(r, 400, 30, 10)},
				{Name: "random sparse times", Input: random(r, 300, 5, 30_000)},
				{Name: "one key, 4500 versions read 4500 times", Input: history(r, 9000), Large: true},
			}
		},
		Sizes: []int{1250, 2500, 5000, 10_000, 20_000},
		Scale: func(r *rand.Rand, n int) any { return history(r, n) },
		Class: "n log n",
	})
}
