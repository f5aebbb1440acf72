package efficiency_test

import (
	"context"
	"testing"
	"time"

	"github.com/mockroom/mockroom/efficiency"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/problems"
	"github.com/mockroom/mockroom/sandbox/local"
)

// probeRuns is how many probes of one solution a benchmark iteration makes
// (over one compile) to measure how often their classes agree.
const probeRuns = 5

// BenchmarkProbe probes two-sum's reference solution in every language
// through the local sandbox: cost-ms/op is the sandbox's CPU time of one
// probe (start-up included), wall-ms/op its wall time with the compile
// shared out, agree% how many of the runs gave the most frequent class,
// optimal% how many matched the optimum.
func BenchmarkProbe(b *testing.B) {
	ok, why := local.Available()
	testenv.Need(b, "the local sandbox", ok, why)
	sb, err := local.New(local.Config{Parallelism: 2})
	if err != nil {
		testenv.Need(b, "the local sandbox", false, err.Error())
	}
	defer sb.Close()
	lib, err := problems.LoadEmbedded(judge.LanguageNames())
	if err != nil {
		b.Fatal(err)
	}
	svc := judge.NewService(sb, lib, nil)
	e, _ := lib.Get("two-sum")
	for _, lang := range judge.LanguageNames() {
		b.Run(lang, func(b *testing.B) {
			testenv.NeedToolchain(b, lang, svc.Languages())
			var cost, wall float64
			var runs, agree, optimal int
			for i := 0; i < b.N; i++ {
				start := time.Now()
				res, err := efficiency.Measure(context.Background(), svc, &e.Problem, lang, e.Solution.Code[lang], probeRuns, efficiency.Options{})
				if err != nil {
					b.Fatal(err)
				}
				wall += float64(time.Since(start).Milliseconds())
				count := map[string]int{}
				for _, r := range res {
					cost += r.CostMS
					count[r.Class]++
					if r.Verdict == "optimal" {
						optimal++
					}
					b.Logf("%s: %s (slope %.2f, confidence %.2f)", lang, r.Class, r.Slope, r.Confidence)
				}
				best := 0
				for _, c := range count {
					best = max(best, c)
				}
				agree += best
				runs += len(res)
			}
			b.ReportMetric(cost/float64(runs), "cost-ms/op")
			b.ReportMetric(wall/float64(runs), "wall-ms/op")
			b.ReportMetric(100*float64(agree)/float64(runs), "agree%")
			b.ReportMetric(100*float64(optimal)/float64(runs), "optimal%")
		})
	}
}
