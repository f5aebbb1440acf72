package judge

import (
	"context"
	"github.com/mockroom/mockroom/sandbox/bare"
	"testing"
	"time"

	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/sandbox/local"
)

// BenchmarkExecute judges two-sum (compile + one process for all tests)
// through the local sandbox, and does the same work on the bare toolchains
// in the same run: ms/op is sandboxed, bare-ms/op the baseline, and
// sandbox/bare their ratio.
func BenchmarkExecute(b *testing.B) {
	ok, why := local.Available()
	testenv.Need(b, "the local sandbox", ok, why)
	sb, err := local.New(local.Config{})
	if err != nil {
		testenv.Need(b, "the local sandbox", false, err.Error())
	}
	defer sb.Close()
	p := mkProblem(b, "two-sum", twoSumSpec)
	sandboxed := NewService(sb, twoSumTests, nil)
	unsandboxed := NewService(bare.New(b.TempDir()), twoSumTests, nil)
	ctx := context.Background()
	for _, lang := range LanguageNames() {
		for _, mode := range []Mode{ModeRun, ModeSubmit} {
			b.Run(lang+"/"+string(mode), func(b *testing.B) {
				testenv.NeedToolchain(b, lang, sandboxed.Languages())
				testenv.NeedToolchain(b, lang, unsandboxed.Languages())
				req := Request{Problem: p, Language: lang, Code: twoSumOK[lang], Mode: mode}
				once := func(s *Service) time.Duration {
					start := time.Now()
					rep, err := s.Execute(ctx, req)
					if err != nil || rep.Status != Accepted {
						b.Fatalf("%v %+v", err, rep)
					}
					return time.Since(start)
				}
				var sbTime, bareTime time.Duration
				for i := 0; i < b.N; i++ {
					sbTime += once(sandboxed)
					b.StopTimer()
					bareTime += once(unsandboxed)
					b.StartTimer()
				}
				n := float64(b.N)
				b.ReportMetric(float64(sbTime.Milliseconds())/n, "ms/op")
				b.ReportMetric(float64(bareTime.Milliseconds())/n, "bare-ms/op")
				if bareTime > 0 {
					b.ReportMetric(float64(sbTime)/float64(bareTime), "sandbox/bare")
				}
			})
		}
	}
}
