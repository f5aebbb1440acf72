package problems

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mockroom/mockroom/efficiency"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/judge/growth"
	"github.com/mockroom/mockroom/sandbox/local"
)

// probeLanguage is the language the library's probe test times: compiled
// ahead of time, no JIT to warm, a steady garbage collector.
const probeLanguage = "go"

// probeExempt are problems whose probe inputs cannot meet the test yet, each
// with the reason; their results are still logged. Fix the generator (or
// the brute force) and remove the entry.
var probeExempt = map[string]string{
	"min-cost-climbing-stairs": "Sizes end at 1,000, where the reference takes ~0.15 ms: too few points above the noise floor (grow Sizes)",
	"top-k-frequent-elements":  "the brute force sorts, O(n log n): the same tier as the O(n) optimum, which the probe does not tell apart",
	"three-sum":                "the O(n^3) brute force runs out of time after 4 sizes and is fitted as n^2 on some runs (start Sizes lower)",
	"count-primes":             "trial division is O(n sqrt(n) / log n), between the n and n^2 tiers, and is fitted as n over the 4 sizes before its limit",
}

// BenchmarkProbeLibrary (make probe-check) holds the probe to every
// problem: each reference classified as its optimal class and each brute
// force as a worse one, 3 runs of 3. It is a benchmark, run on demand, not a
// test in make test: on a loaded 2-core machine a few of the ~110
// classifications still flip between runs (docs/efficiency-probe.md).
func BenchmarkProbeLibrary(t *testing.B) {
	ok, why := local.Available()
	testenv.Need(t, "the local sandbox", ok, why)
	r, err := local.New(local.Config{Parallelism: 2})
	if err != nil {
		testenv.Need(t, "the local sandbox", false, err.Error())
	}
	defer r.Close()
	lib, err := LoadEmbedded(judge.LanguageNames())
	if err != nil {
		t.Fatal(err)
	}
	svc := judge.NewService(r, lib, nil)
	testenv.NeedToolchain(t, probeLanguage, svc.Languages())
	type job struct {
		e          *Entry
		what, code string
		optimum    string
	}
	var jobs []job
	for _, e := range lib.Entries {
		brute, ok := e.Brute[probeLanguage]
		pl, has, err := efficiency.PlanFor(e.Problem.Slug)
		if err != nil {
			t.Errorf("%s: %v", e.Problem.Slug, err)
		}
		if !ok || !has {
			continue
		}
		jobs = append(jobs, job{e, "brute", brute, pl.Optimum}, job{e, "solution", e.Solution.Code[probeLanguage], pl.Optimum})
	}
	if len(jobs) == 0 {
		t.Fatal("no problem has both a brute force and probe inputs")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	start := time.Now()
	var mu sync.Mutex
	var wg sync.WaitGroup
	var table strings.Builder
	next := make(chan job)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				// 3 calls a size, under half the limit (the reference must
				// pass verify at half the limit), to keep the test short.
				o := efficiency.Options{Reps: 3, PerCallMS: j.e.Spec.LimitMS(probeLanguage) / 2}
				res, err := efficiency.Measure(ctx, svc, &j.e.Problem, probeLanguage, j.code, 3, o)
				mu.Lock()
				if err != nil {
					t.Errorf("%s %s: %v", j.e.Problem.Slug, j.what, err)
				}
				for i, r := range res {
					fmt.Fprintf(&table, "%-40s %-8s run %d: %-8s slope %.2f conf %.2f optimum %-8s %v %s\n", j.e.Problem.Slug, j.what, i+1, r.Class, r.Slope, r.Confidence, r.Optimum, r.Points, r.Reason)
					if why, ok := probeExempt[j.e.Problem.Slug]; ok {
						fmt.Fprintf(&table, "%-40s exempt: %s\n", j.e.Problem.Slug, why)
						continue
					}
					switch {
					case j.what == "solution" && r.Verdict != growth.Optimal:
						t.Errorf("%s: run %d classified the reference as %s (slope %.2f), want %s: %v", j.e.Problem.Slug, i+1, r.Class, r.Slope, r.Optimum, r.Points)
					case j.what == "brute" && r.Verdict != growth.Worse:
						t.Errorf("%s: run %d classified the brute force as %s (slope %.2f), want worse than %s: %v", j.e.Problem.Slug, i+1, r.Class, r.Slope, r.Optimum, r.Points)
					}
				}
				mu.Unlock()
			}
		}()
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()
	t.Logf("probed %d solutions in %s:\n%s", len(jobs), time.Since(start).Round(time.Second), table.String())
}
