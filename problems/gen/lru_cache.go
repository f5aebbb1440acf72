package gen

import "math/rand"

// lru-cache: random mixes of get and put, and for the large test and the
// probe a full cache whose most recent keys are read over and over: a brute
// force that keeps the keys in a list in order of use scans nearly all of
// it on every call.
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
	random := func(r *rand.Rand, n, capacity, keys int, pPut float64) *Design {
		d := NewDesign("LRUCache", capacity)
		for d.Calls() < n {
			k := r.Intn(keys)
			if r.Float64() < pPut {
				d.Call("put", k, r.Intn(maxValue+1))
			} else {
				d.Call("get", k)
			}
		}
		return d
	}
	// recentReads fills a cache of capacity c with keys 10000.., then reads
	// its ten most recent keys in turn until there are n calls.
	recentReads := func(r *rand.Rand, n, c int) *Design {
		d := NewDesign("LRUCache", c)
		for k := range c {
			d.Call("put", 10_000+k, r.Intn(10))
		}
		for i := 0; d.Calls() < n; i++ {
			d.Call("get", 10_000+c-10+i%10)
		}
		return d
	}
	Register("lru-cache", Generator{
		Valid: Check(func(in input) error {
			return CacheCalls("LRUCache", in.Operations, in.Arguments, maxCalls, maxCap, maxKey, maxValue)
		}),
		Tests: func(r *rand.Rand) []Case {
			return []Case{
				{Name: "random small a", Input: random(r, 20, 2, 4, 0.5)},
				{Name: "random small b", Input: random(r, 40, 3, 6, 0.4)},
				{Name: "random capacity one", Input: random(r, 60, 1, 3, 0.5)},
				{Name: "random many hits", Input: random(r, 400, 20, 30, 0.3)},
				{Name: "random many evictions", Input: random(r, 400, 10, 200, 0.7)},
				{Name: "random wide keys", Input: random(r, 200, 50, maxKey+1, 0.6)},
				{Name: "full cache of 4500, recent keys read 9000 times", Input: recentReads(r, 13_500, 4500), Large: true},
			}
		},
		Sizes: []int{1250, 2500, 5000, 10_000, 20_000},
		Scale: func(r *rand.Rand, n int) any { return recentReads(r, n, min(n/3, maxCap)) },
		Class: "n",
	})
}
