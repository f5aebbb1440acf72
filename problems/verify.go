package problems

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/problem"
	"github.com/mockroom/mockroom/problems/gen"
)

// Check is one verification of one problem in one language.
type Check struct {
	Slug     string
	Language string
	What     string // "solution", "starter", "brute", "wrong/NAME"
	LimitMS  int    // the per-test limit the check ran under
	OK       bool
	Status   judge.Verdict
	Passed   int
	Total    int
	MaxMS    float64       // slowest test
	Detail   string        // why it failed
	Took     time.Duration // wall time of the check: compile and every test
}

// VerifyOptions tune Verify.
type VerifyOptions struct {
	Workers int // checks at once; default 1
	// Quick skips the starter check of compiled languages, whose empty
	// bodies cannot pass (Java and Go reject a missing return; C++ returns
	// garbage), to save their compiles in tests.
	Quick bool
	// Languages narrows the checks to these languages (all when empty).
	Languages []string
	// BruteFactor is the multiple of the limit the brute force must still
	// run out of (default 2: the margin an author proves). The library test
	// in make test uses 1, the requirement itself, and spends half the CPU:
	// the margin was proven when the problem was written.
	BruteFactor int
	// NoGenerator accepts a problem that has no generator registered (one
	// authored in the admin console: a generator is Go code, built into
	// the binary). A problem that has one is still held to it.
	NoGenerator bool
}

// The margins verify demands, both ways: the reference must pass under half
// its language's limit and the brute force must still run out of time under
// twice it, so that neither verdict flips on a busier or a faster machine.
const (
	solutionShare = 2 // the reference runs under limit / solutionShare
	bruteFactor   = 2 // the brute force runs under limit * bruteFactor
)

// Verify proves the problems with these slugs (all when empty) right in every
// language the judge offers: the reference solution passes every test within
// half its language's limit, the starter code fails, the brute force (if
// any) runs out of time on a large test even with twice the limit, and every
// wrong solution is rejected; and that the problem's generator draws the
// generated tests of tests.json, deterministically, and every test and probe
// input meets its constraints. It runs up to workers checks at once.
func Verify(ctx context.Context, svc *judge.Service, lib *Library, slugs []string, o VerifyOptions) ([]Check, error) {
	workers := o.Workers
	var entries []*Entry
	if len(slugs) == 0 {
		entries = lib.Entries
	}
	for _, s := range slugs {
		e, ok := lib.Get(s)
		if !ok {
			return nil, fmt.Errorf("no problem %q", s)
		}
		entries = append(entries, e)
	}
	if workers < 1 {
		workers = 1
	}
	type job struct {
		e          *Entry
		lang, what string
		code       string
	}
	var jobs []job
	for _, e := range entries {
		for _, lang := range svc.Languages() {
			if len(o.Languages) > 0 && !slices.Contains(o.Languages, lang) {
				continue
			}
			// The brute force first: it takes longest, and the rest fill in
			// around it.
			if code, ok := e.Brute[lang]; ok {
				jobs = append(jobs, job{e, lang, "brute", code})
			}
			jobs = append(jobs, job{e, lang, "solution", e.Solution.Code[lang]})
			if !o.Quick || !compiled(lang) {
				jobs = append(jobs, job{e, lang, "starter", e.Problem.StarterCode[lang]})
			}
			for _, w := range e.Wrong {
				if code, ok := w.Code[lang]; ok {
					jobs = append(jobs, job{e, lang, "wrong/" + w.Name, code})
				}
			}
		}
	}
	var static []Check
	for _, e := range entries {
		if _, ok := gen.Lookup(e.Problem.Slug); !ok && o.NoGenerator {
			static = append(static, Check{Slug: e.Problem.Slug, Language: "-", What: "generator", OK: true, Detail: "none (authored in the admin console)"})
			continue
		}
		msg := checkGenerated(e)
		static = append(static, Check{Slug: e.Problem.Slug, Language: "-", What: "generator", OK: msg == "", Detail: msg})
	}
	out := make([]Check, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				j := jobs[i]
				start := time.Now()
				out[i] = verifyOne(ctx, svc, j.e, j.lang, j.what, j.code, o.BruteFactor)
				out[i].Took = time.Since(start)
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return append(static, out...), ctx.Err()
}

func verifyOne(ctx context.Context, svc *judge.Service, e *Entry, lang, what, code string, factor int) Check {
	if factor < 1 {
		factor = bruteFactor
	}
	c := Check{Slug: e.Problem.Slug, Language: lang, What: what, LimitMS: e.Spec.LimitMS(lang)}
	switch what {
	case "solution":
		c.LimitMS = max(c.LimitMS/solutionShare, judge.MinTimeLimitMS)
	case "brute":
		c.LimitMS = min(c.LimitMS*factor, judge.MaxTimeLimitMS)
	}
	if strings.TrimSpace(code) == "" {
		c.Detail = "no code"
		return c
	}
	p, err := withLimit(e, lang, c.LimitMS)
	if err != nil {
		c.Detail = err.Error()
		return c
	}
	rep, err := svc.ExecuteAll(ctx, judge.Request{Problem: p, Language: lang, Code: code, Mode: judge.ModeSubmit})
	// A reference that runs out of time gets two more tries: on a machine
	// busy with other work one run can be pushed over half its limit, while
	// a solution that is really too slow is slow every time.
	for try := 0; try < 2 && err == nil && what == "solution" && rep.Status == judge.TimeLimit; try++ {
		rep, err = svc.ExecuteAll(ctx, judge.Request{Problem: p, Language: lang, Code: code, Mode: judge.ModeSubmit})
	}
	if err != nil {
		c.Detail = err.Error()
		return c
	}
	c.Status, c.Passed, c.Total, c.MaxMS = rep.Status, rep.Passed, rep.Total, rep.SlowestTestCPUMS()
	firstBad := -1
	for i, t := range rep.Tests {
		if t.Verdict != judge.Accepted && firstBad < 0 {
			firstBad = i
		}
	}
	describe := func() string {
		if rep.CompileError != nil {
			msg := rep.CompileError.Message
			if rep.CompileError.Line == 0 && rep.CompileError.Output != "" {
				msg += " (" + clip(strings.ReplaceAll(rep.CompileError.Output, "\n", " ")) + ")"
			}
			return "compile error: " + msg
		}
		if rep.Error != "" {
			return rep.Error
		}
		if firstBad >= 0 {
			t := rep.Tests[firstBad]
			s := fmt.Sprintf("%s on %q", t.Verdict, e.Names[firstBad])
			if t.Verdict == judge.WrongAnswer {
				s += fmt.Sprintf(": expected %s, got %s", clip(string(t.Expected)), clip(string(t.Got)))
			}
			if t.Error != "" {
				s += ": " + t.Error
			}
			return s
		}
		return ""
	}
	switch {
	case what == "solution":
		c.OK = rep.Status == judge.Accepted
		c.Detail = describe()
		if rep.Status == judge.TimeLimit {
			c.Detail = fmt.Sprintf("over half the %d ms %s limit: %s; raise time_limits_ms.%s or make the solution faster",
				e.Spec.LimitMS(lang), lang, c.Detail, lang)
		}
	case strings.HasPrefix(what, "wrong/"):
		c.OK = rep.Status != judge.Accepted
		c.Detail = describe()
		if !c.OK {
			c.Detail = "the wrong solution passes every test: add a test that catches it"
		}
	case what == "starter":
		c.OK = rep.Status != judge.Accepted
		if !c.OK {
			c.Detail = "the starter code passes every test"
		}
	case what == "brute":
		c.OK = rep.Status == judge.TimeLimit && firstBad >= 0 && e.Large[firstBad]
		if !c.OK {
			c.Detail = fmt.Sprintf("want a time limit on a large test even at %d× the limit, got %s", factor, describe())
			if rep.Status == judge.Accepted {
				c.Detail = fmt.Sprintf("the brute force passes within %d× the limit: make the large tests larger or the limit smaller", factor)
			}
		}
	}
	return c
}

// withLimit returns e's problem with lang's time limit set to ms.
func withLimit(e *Entry, lang string, ms int) (*problem.Problem, error) {
	spec := *e.Spec
	spec.TimeLimitsMS = maps.Clone(spec.TimeLimitsMS)
	if spec.TimeLimitsMS == nil {
		spec.TimeLimitsMS = map[string]int{}
	}
	spec.TimeLimitsMS[lang] = ms
	raw, err := json.Marshal(&spec)
	if err != nil {
		return nil, err
	}
	p := e.Problem
	p.Spec = raw
	return &p, nil
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

// PrintTable writes the checks as a table, failures marked, and reports
// whether all passed.
func PrintTable(w io.Writer, checks []Check) bool {
	checks = slices.Clone(checks)
	sort.SliceStable(checks, func(i, j int) bool {
		if checks[i].Slug != checks[j].Slug {
			return checks[i].Slug < checks[j].Slug
		}
		return checks[i].Language < checks[j].Language
	})
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PROBLEM\tLANGUAGE\tCHECK\tRESULT\tSTATUS\tPASSED\tLIMIT MS\tMAX MS\tTOOK\tDETAIL")
	ok := true
	for _, c := range checks {
		res := "ok"
		if !c.OK {
			res, ok = "FAIL", false
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d/%d\t%d\t%.0f\t%.1fs\t%s\n", c.Slug, c.Language, c.What, res, c.Status, c.Passed, c.Total, c.LimitMS, c.MaxMS, c.Took.Seconds(), c.Detail)
	}
	tw.Flush()
	return ok
}

// compiled reports whether lang compiles before any test runs (see
// VerifyOptions.Quick).
func compiled(lang string) bool {
	l, ok := judge.LookupLanguage(lang)
	return ok && l.Compiled
}
