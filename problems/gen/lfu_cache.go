package gen

import "math/rand"

// lfu-cache: random mixes of get and put, uniform or skewed towards a few
// hot keys so that the use counts spread out, and for the large test and
// the probe a full cache that takes a new key on most calls: a brute force
// that scans every key for the smallest (count, last use) on each eviction
// does O(capacity) work per call.
func init() {
	type input struct {
		Operations []string `json:"operations"`
		Arguments  [][]int  `json:"arguments"`
	}
	const (
		maxCalls = 20_000
		maxCap   = 5000
		maxKey   = 100_000
		maxValue = 100_000
	)
	// random draws n calls on a cache of the given capacity; keys come from
	// [0, keys), skewed towards the small ones when skew is set.
	random := func(r *rand.Rand, n, capacity, keys int, pPut float64, skew bool) *Design {
		d := NewDesign("LFUCache", capacity)
		for d.Calls() < n {
			k := r.Intn(keys)
			if skew {
				k = r.Intn(1 + r.Intn(keys))
			}
			if r.Float64() < pPut {
				d.Call("put", k, r.Intn(maxValue+1))
			} else {
				d.Call("get", k)
			}
		}
		return d
	}
	// churn fills a cache of capacity c with keys 0..c-1, then puts a new
	// key on seven calls out of eight (each one evicts) and reads a key
	// drawn from every key put so far on the eighth, until there are n calls.
	churn := func(r *rand.Rand, n, c int) *Design {
		d := NewDesign("LFUCache", c)
		for k := range c {
			d.Call("put", k, r.Intn(10))
		}
		next := c
		for i := 0; d.Calls() < n; i++ {
			if i%8 == 7 {
				d.Call("get", r.Intn(next))
			} else {
				d.Call("put", next, r.Intn(10))
				next++
			}
		}
		return d
	}
	Register("lfu-cache", Generator{
		Valid: Check(func(in input) error {
			return CacheCalls("LFUCache", in.Operations, in.Arguments, maxCalls, maxCap, maxKey, maxValue)
		}),
		Tests: func(r *rand.Rand) []Case {
			return []Case{
				{Name: "random small a", Input: random(r, 20, 2, 4, 0.5, false)},
				{Name: "random small b", Input: random(r, 40, 3, 6, 0.4, true)},
				{Name: "random capacity one", Input: random(r, 60, 1, 3, 0.5, false)},
				{Name: "random hot keys", Input: random(r, 400, 10, 60, 0.5, true)},
				{Name: "random many hits", Input: random(r, 400, 20, 30, 0.3, false)},
				{Name: "random many evictions", Input: random(r, 400, 10, 200, 0.7, true)},
				{Name: "random wide keys", Input: random(r, 200, 50, maxKey+1, 0.6, false)},
				{Name: "full cache of 5000, a new key on 7 calls in 8", Input: churn(r, 11_000, maxCap), Large: true},
			}
		},
		Sizes: []int{1250, 2500, 5000, 10_000, 20_000},
		Scale: func(r *rand.Rand, n int) any { return churn(r, n, min(n/2, maxCap)) },
		Class: "n",
	})
}
