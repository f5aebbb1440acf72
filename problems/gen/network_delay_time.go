package gen

import "math/rand"

// network-delay-time: random directed networks with distinct links, a few
// zero delays, sometimes with unreachable nodes.
func init() {
	type input struct {
		Times [][]int `json:"times"`
		N     int     `json:"n"`
		K     int     `json:"k"`
	}
	const maxN, maxLinks, maxDelay = 100_000, 100_000, 100
	// network draws n nodes: with spine, a shuffled path from k through
	// every node (so all are reachable), then extra random links.
	network := func(r *rand.Rand, n, extra int, spine bool) input {
		seen := map[[2]int]bool{}
		times := [][]int{}
		add := func(u, v int) {
			if u == v || seen[[2]int{u, v}] {
				return
			}
			seen[[2]int{u, v}] = true
			times = append(times, []int{u, v, r.Intn(maxDelay + 1)})
		}
		perm := r.Perm(n)
		k := perm[0] + 1
		if spine {
			for i := 0; i+1 < n; i++ {
				add(perm[i]+1, perm[i+1]+1)
			}
		}
		for range extra {
			add(1+r.Intn(n), 1+r.Intn(n))
		}
		r.Shuffle(len(times), func(i, j int) { times[i], times[j] = times[j], times[i] })
		return input{Times: times, N: n, K: k}
	}
	Register("network-delay-time", Generator{
		Valid: Check(func(in input) error {
			if err := All(Range("n", in.N, 1, maxN), Range("k", in.K, 1, in.N), Len("times", len(in.Times), 0, maxLinks)); err != nil {
				return err
			}
			seen := map[[2]int]bool{}
			for i, t := range in.Times {
				if len(t) != 3 {
					return Errorf("times[%d] has %d values, want 3", i, len(t))
				}
				if err := All(Range("u", t[0], 1, in.N), Range("v", t[1], 1, in.N), Range("w", t[2], 0, maxDelay)); err != nil {
					return Errorf("times[%d]: %v", i, err)
				}
				if t[0] == t[1] {
					return Errorf("times[%d] links node %d to itself", i, t[0])
				}
				if seen[[2]int{t[0], t[1]}] {
					return Errorf("times[%d]: the link %d -> %d appears twice", i, t[0], t[1])
				}
				seen[[2]int{t[0], t[1]}] = true
			}
			return nil
		}),
		Tests: func(r *rand.Rand) []Case {
			var out []Case
			for k := range 4 {
				n := 2 + r.Intn(7)
				out = append(out, Case{Name: "random small " + string(rune('a'+k)), Input: network(r, n, 2*n, k%2 == 0)})
			}
			out = append(out, Case{Name: "random 60 nodes, all reachable", Input: network(r, 60, 300, true)})
			out = append(out, Case{Name: "random 80 sparse nodes", Input: network(r, 80, 200, false)})
			return out
		},
		Sizes: []int{2000, 4000, 8000, 16000, 32000},
		Scale: func(r *rand.Rand, n int) any { return network(r, n, 2*n, true) },
		Class: "n log n",
	})
}
