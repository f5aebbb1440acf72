package httpapi_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/internal/apptest"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/sandbox/bare"
)

func percentile(ds []time.Duration, p float64) float64 {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(p * float64(len(s)-1))
	return float64(s[i].Microseconds()) / 1000
}

// benchApp is the whole server with the seed's execution limits lifted.
func benchApp(b *testing.B) (*apptest.App, *apptest.Client) {
	app := apptest.New(b, apptest.Options{Problems: true, Interview: interview.Config{RunsPerMinute: 1 << 30, ExecsPerHour: 1 << 30, MaxActive: 1000}})
	c := app.Client()
	uid := c.Signup("bench@example.com")
	if _, err := app.DB.AddCredits(context.Background(), uid, 100, "bonus", "", "benchmark"); err != nil {
		b.Fatal(err)
	}
	return app, c
}

// BenchmarkExecuteHTTP measures run (examples) and submit (all tests) of
// two-sum's reference solution through the HTTP API, and the same judging on
// the bare toolchains with no sandbox and no HTTP, in the same run. Metrics:
// p50-ms and p95-ms through the API, bare-p50-ms, and api/bare (p50 ratio).
func BenchmarkExecuteHTTP(b *testing.B) {
	app, c := benchApp(b)
	ctx := mockroom.AsService(context.Background())
	p, err := app.DB.ProblemBySlug(ctx, "two-sum")
	if err != nil {
		b.Fatal(err)
	}
	sol, err := app.DB.Solution(ctx, p.ID)
	if err != nil {
		b.Fatal(err)
	}
	unsandboxed := judge.NewService(bare.New(b.TempDir()), app.DB, nil)
	for _, lang := range []string{"python", "javascript", "java", "go", "cpp"} {
		for _, mode := range []judge.Mode{judge.ModeRun, judge.ModeSubmit} {
			b.Run(lang+"/"+string(mode), func(b *testing.B) {
				testenv.NeedToolchain(b, lang, unsandboxed.Languages())
				id := c.Start("two-sum", lang)
				body := map[string]any{"code": sol.Code[lang], "language": lang, "mode": mode}
				// One untimed call warms caches (the Go standard library build, the JIT of the page cache).
				if r := c.Do("POST", "/api/sessions/"+id+"/execute", body); r.Status != 200 {
					b.Fatalf("%d %s", r.Status, r.Body)
				}
				req := judge.Request{Problem: p, Language: lang, Code: sol.Code[lang], Mode: mode}
				var api, bareT []time.Duration
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					start := time.Now()
					r := c.Do("POST", "/api/sessions/"+id+"/execute", body)
					api = append(api, time.Since(start))
					if r.Status != 200 {
						b.Fatalf("%d %s", r.Status, r.Body)
					}
					b.StopTimer()
					start = time.Now()
					rep, err := unsandboxed.Execute(ctx, req)
					bareT = append(bareT, time.Since(start))
					if err != nil || rep.Status != judge.Accepted {
						b.Fatalf("bare: %v %+v", err, rep)
					}
					b.StartTimer()
				}
				b.ReportMetric(percentile(api, 0.5), "p50-ms")
				b.ReportMetric(percentile(api, 0.95), "p95-ms")
				b.ReportMetric(percentile(bareT, 0.5), "bare-p50-ms")
				if bp := percentile(bareT, 0.5); bp > 0 {
					b.ReportMetric(percentile(api, 0.5)/bp, "api/bare")
				}
			})
		}
	}
}

// BenchmarkSubmissionsPerSecond submits Python two-sum from 2 workers at once.
func BenchmarkSubmissionsPerSecond(b *testing.B) {
	app, c := benchApp(b)
	ctx := mockroom.AsService(context.Background())
	p, _ := app.DB.ProblemBySlug(ctx, "two-sum")
	sol, _ := app.DB.Solution(ctx, p.ID)
	// Two candidates, one interview each: the judge runs one execution per
	// user at a time (SANDBOX_MAX_PER_USER), so two users fill two workers.
	other := app.Client()
	other.Signup("bench2@example.com")
	clients := []*apptest.Client{c, other}
	ids := []string{c.Start("two-sum", "python"), other.Start("two-sum", "python")}
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func(cl *apptest.Client, id string) {
			defer wg.Done()
			for i := w; i < b.N; i += 2 {
				r := cl.Do("POST", "/api/sessions/"+id+"/execute", map[string]any{"code": sol.Code["python"], "mode": "submit"})
				if r.Status != 200 {
					panic(fmt.Sprintf("%d %s", r.Status, r.Body))
				}
			}
		}(clients[w], ids[w])
	}
	wg.Wait()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "submissions/s")
}
