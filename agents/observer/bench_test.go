package observer

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/mockroom/mockroom/agents/codeanalysis"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/problems"
	"github.com/mockroom/mockroom/sandbox"
	"github.com/mockroom/mockroom/sandbox/local"
)

func p50(ds []time.Duration) float64 {
	slices.Sort(ds)
	return float64(ds[len(ds)/2].Microseconds()) / 1000
}

// BenchmarkSyntaxCheck times the observer's toolchain check of two-sum's
// reference solution through the local sandbox, per language (p50-ms). For
// Python it also times, in the same run, the bare start of a Python process
// that imports ast through the same sandbox (baseline-p50-ms): the check's
// floor, since py_compile is one such process.
func BenchmarkSyntaxCheck(b *testing.B) {
	ok, why := local.Available()
	testenv.Need(b, "the local sandbox", ok, why)
	sb, err := local.New(local.Config{})
	if err != nil {
		testenv.Need(b, "the local sandbox", false, err.Error())
	}
	defer sb.Close()
	lib, err := problems.LoadEmbedded(judge.LanguageNames())
	if err != nil {
		b.Fatal(err)
	}
	e, _ := lib.Get("two-sum")
	c := NewSyntaxChecker(sb)
	ctx := context.Background()
	for _, lang := range judge.LanguageNames() {
		b.Run(lang, func(b *testing.B) {
			testenv.NeedToolchain(b, lang, c.Languages())
			code := e.Solution.Code[lang]
			var ds []time.Duration
			for b.Loop() {
				start := time.Now()
				errs, err := c.Check(ctx, &e.Problem, lang, code)
				if err != nil || len(errs) != 0 {
					b.Fatalf("%v %+v", err, errs)
				}
				ds = append(ds, time.Since(start))
			}
			b.ReportMetric(p50(ds), "p50-ms")
			if lang != "python" {
				return
			}
			build, err := sb.Compile(ctx, sandbox.Program{Language: sandbox.Python, Files: map[string][]byte{"main.py": []byte("import ast\n")}, SkipCheck: true}, checkLimits)
			if err != nil || !build.OK {
				b.Fatalf("%v %+v", err, build)
			}
			ds = ds[:0]
			for range 20 {
				start := time.Now()
				if res, err := sb.Run(ctx, build, nil, checkLimits); err != nil || res.Status != sandbox.StatusOK {
					b.Fatalf("%v %+v", err, res)
				}
				ds = append(ds, time.Since(start))
			}
			b.ReportMetric(p50(ds), "baseline-p50-ms")
		})
	}
}

// BenchmarkAnalyze times the offline static analysis of one version of
// code (a 30-line solution) per call.
func BenchmarkAnalyze(b *testing.B) {
	lib, err := problems.LoadEmbedded(judge.LanguageNames())
	if err != nil {
		b.Fatal(err)
	}
	e, _ := lib.Get("number-of-islands")
	for _, lang := range []string{"python", "java"} {
		b.Run(lang, func(b *testing.B) {
			code := e.Solution.Code[lang]
			for b.Loop() {
				codeanalysis.Analyze(lang, code, e.Problem.StarterCode[lang])
			}
		})
	}
}
