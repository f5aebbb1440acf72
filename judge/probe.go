package judge

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/judge/admission"
	"github.com/mockroom/mockroom/judge/growth"
	"github.com/mockroom/mockroom/problem"
	"github.com/mockroom/mockroom/sandbox"
)

// ProbeRequest asks the judge to time an accepted solution on inputs of
// growing size (the efficiency probe; docs/efficiency-probe.md).
type ProbeRequest struct {
	Problem  *problem.Problem
	Language string
	Code     string
	// Sizes are the input sizes n, ascending; Inputs the input object of
	// each (problems/gen.ProbeInput).
	Sizes  []int
	Inputs []json.RawMessage
	// Reps is how many times each size is timed; the minimum is kept
	// (default 3).
	Reps int
	// PerCallMS is the CPU time one call may take; the first size over it
	// ends the probe (default: the problem's time limit for the language).
	PerCallMS int
	// Budget is the CPU time of the whole run, start-up included, enforced
	// by the sandbox (default DefaultProbeBudget).
	Budget time.Duration
}

// DefaultProbeBudget is a probe's CPU budget when the request sets none.
const DefaultProbeBudget = 10 * time.Second

// ProbeResult is what a probe measured.
type ProbeResult struct {
	Language string `json:"language"`
	// Points are the minimum CPU time of the calls at each size that
	// finished within the per-call budget, by n.
	Points []growth.Point `json:"points"`
	// StoppedAt is the first size whose call ran over the per-call budget
	// (0 when every size finished).
	StoppedAt int `json:"stopped_at,omitempty"`
	// CPUMS and WallMS are the sandbox's measurements of the whole run.
	CPUMS  float64 `json:"cpu_ms"`
	WallMS float64 `json:"wall_ms"`
	// Problem says why the run gave no points ("" when it did).
	Problem string `json:"problem,omitempty"`
}

// Probe compiles req's code once and runs it, in one sandboxed process, on
// a warm-up call and then on each size Reps times, smallest first, with a
// per-call CPU budget. It needs no expected outputs: the code has already
// passed every test. Nothing of the program's output is returned, only the
// timings, and those are held to the sandbox's own measurement of the run
// (see checkTimings).
func (s *Service) Probe(ctx context.Context, req ProbeRequest) (*ProbeResult, error) {
	res, err := s.probe(ctx, req, 1)
	if err != nil {
		return nil, mockroom.Wrap("judge.Probe", err)
	}
	return res[0], nil
}

// ProbeRuns is Probe run `runs` times over one compile (for the library's
// tests and the benchmark, which measure how stable a fit is).
func (s *Service) ProbeRuns(ctx context.Context, req ProbeRequest, runs int) ([]*ProbeResult, error) {
	res, err := s.probe(ctx, req, max(runs, 1))
	return res, mockroom.Wrap("judge.ProbeRuns", err)
}

func (s *Service) probe(ctx context.Context, req ProbeRequest, runs int) ([]*ProbeResult, error) {
	p := req.Problem
	if p == nil {
		return nil, mockroom.Errorf(mockroom.KindInvalid, "no_problem", "no problem given")
	}
	spec, err := ParseSpec(p.Spec)
	if err != nil {
		return nil, mockroom.Errorf(mockroom.KindInternal, "bad_spec", "this problem cannot be judged")
	}
	language, ok := LookupLanguage(req.Language)
	if !ok || !slices.Contains(s.Languages(), req.Language) {
		return nil, mockroom.Errorf(mockroom.KindInvalid, "unsupported_language", "language %q is not available", req.Language)
	}
	if len(req.Code) > MaxCodeBytes || strings.TrimSpace(req.Code) == "" {
		return nil, mockroom.Errorf(mockroom.KindInvalid, "bad_code", "no code to probe")
	}
	if len(req.Sizes) == 0 || len(req.Sizes) != len(req.Inputs) || !slices.IsSorted(req.Sizes) {
		return nil, mockroom.Errorf(mockroom.KindInvalid, "bad_sizes", "want one input per size, sizes ascending")
	}
	for i, in := range req.Inputs {
		if _, err := validateInput(spec, in); err != nil {
			return nil, mockroom.Errorf(mockroom.KindInvalid, "bad_probe_input", "probe input of size %d: %v", req.Sizes[i], err)
		}
	}
	reps := req.Reps
	if reps <= 0 {
		reps = 3
	}
	perCall := req.PerCallMS
	if perCall <= 0 {
		perCall = spec.LimitMS(req.Language)
	}
	budget := req.Budget
	if budget <= 0 {
		budget = DefaultProbeBudget
	}

	files, err := Driver(spec, req.Language, req.Code)
	if err != nil {
		return nil, err
	}
	lim := probeLimits(budget)
	// A probe is the server's background work, not a candidate's
	// execution: only the server-wide limits apply to it (no user cap).
	release, err := s.admit.Admit(ctx, admission.Ticket{Memory: max(compileLimits.WithDefaults().MemoryBytes, lim.MemoryBytes)})
	if err != nil {
		return nil, err
	}
	defer release()
	build, err := s.runner.Compile(ctx, sandbox.Program{Language: language.sandboxLanguage(), Files: files, SkipCheck: true}, compileLimits)
	if err != nil {
		return nil, err
	}
	var outs []*ProbeResult
	for range runs {
		out := &ProbeResult{Language: req.Language, Points: []growth.Point{}}
		if !build.OK {
			out.Problem = "the code did not compile"
		} else if err := s.probeRun(ctx, req, build, reps, perCall, lim, out); err != nil {
			return nil, err
		}
		outs = append(outs, out)
	}
	return outs, nil
}

func (s *Service) probeRun(ctx context.Context, req ProbeRequest, build *sandbox.Build, reps, perCall int, lim sandbox.Limits, out *ProbeResult) error {
	// Call 0 warms the runtime up (class loading, JIT) on the smallest
	// input; then each size reps times.
	tests := []json.RawMessage{req.Inputs[0]}
	for _, in := range req.Inputs {
		for range reps {
			tests = append(tests, in)
		}
	}
	marker := newMarker()
	stdin, err := json.Marshal(map[string]any{"marker": marker, "time_limit_ms": perCall, "tests": tests})
	if err != nil {
		return err
	}
	res, err := s.runner.Run(ctx, build, stdin, lim)
	if err != nil {
		return err
	}
	out.CPUMS = float64(res.CPUTime.Microseconds()) / 1000
	out.WallMS = float64(res.WallTime.Microseconds()) / 1000
	out.Points, out.StoppedAt, out.Problem = probePoints(parseEvents(res.Stdout, marker), req.Sizes, reps, perCall)
	if msg := checkTimings(out.Points, reps, out.CPUMS); msg != "" {
		s.log.Warn("judge: a probe's timings do not add up", "problem", req.Problem.Slug, "language", req.Language, "detail", msg)
		out.Points, out.Problem = []growth.Point{}, msg
	}
	if len(out.Points) == 0 && out.Problem == "" && out.StoppedAt == 0 {
		switch res.Status {
		case sandbox.StatusTimeLimit:
			out.Problem = "the probe's time budget ran out before the first size finished"
		case sandbox.StatusMemoryLimit:
			out.Problem = "the probe ran out of memory"
		default:
			out.Problem = "the program ended before the first size finished"
		}
	}
	return nil
}

// probeLimits bound a probe's one process: the whole budget of CPU time
// (start-up included), twice that on the wall clock, and room for the
// results the harness writes.
func probeLimits(budget time.Duration) sandbox.Limits {
	lim := sandbox.DefaultLimits()
	lim.CPUTime = budget
	lim.WallTime = 2*budget + time.Second
	lim.OutputBytes = 32 << 20
	return lim
}

// probePoints reads the harness's results: call 0 is the warm-up, call
// 1+k·reps+j the j-th repetition of size k. A size counts when all its
// repetitions finished; the first that did not (over the per-call budget,
// or a crash) ends the points.
func probePoints(evs []event, sizes []int, reps, perCallMS int) ([]growth.Point, int, string) {
	total := 1 + len(sizes)*reps
	ms := make([]float64, total)
	state := make([]int, total) // 0 no result, 1 ok, 2 over the per-call budget, 3 failed otherwise
	for _, ev := range evs {
		if ev.T != "result" || ev.I < 0 || ev.I >= total || state[ev.I] != 0 {
			continue
		}
		state[ev.I] = 3
		if ev.Verdict == TimeLimit || (ev.OK && ev.MS > wallGuardMS(perCallMS)) {
			state[ev.I] = 2
		}
		if ev.OK && ev.CPUMS >= 0 && ev.MS <= wallGuardMS(perCallMS) {
			state[ev.I], ms[ev.I] = 1, ev.CPUMS
			if ev.CPUMS == 0 {
				// A CPU clock too coarse for the call (Python's in the
				// sandbox ticks): its wall time stands in.
				ms[ev.I] = ev.MS
			}
		}
	}
	points := []growth.Point{}
	if state[0] != 1 {
		// The warm-up is the smallest size: over the budget there, it
		// stopped at the first size.
		return points, sizes[0], failure(state[0], sizes[0])
	}
	for k, n := range sizes {
		best := math.Inf(1)
		for j := range reps {
			i := 1 + k*reps + j
			if state[i] != 1 {
				return points, n, failure(state[i], n)
			}
			best = min(best, ms[i])
		}
		points = append(points, growth.Point{N: n, MS: best})
	}
	return points, 0, ""
}

// failure says why a call gave no time: "" when it ran over the per-call
// budget (the probe's normal end), else what happened.
func failure(state, n int) string {
	switch state {
	case 2:
		return ""
	case 0:
		return fmt.Sprintf("the run ended during a call at n = %d (the probe's total budget, or a crash)", n)
	}
	return fmt.Sprintf("a call failed at n = %d", n)
}

// checkTimings holds the harness's per-call timings to the sandbox's
// measurement of the whole run. The harness shares its process with the
// candidate's code, which could rewrite what it reports; the sandbox's CPU
// time it cannot. Every call's time is at least its size's minimum, so
// reps × the points' sum can never exceed the run's CPU time: if it does,
// the timings were forged and the probe is discarded.
func checkTimings(points []growth.Point, reps int, runCPUMS float64) string {
	var sum float64
	for _, p := range points {
		sum += p.MS * float64(reps)
	}
	// Slack for rounding between the two clocks.
	if sum > runCPUMS*1.05+5 {
		return fmt.Sprintf("the program reported %.0f ms of calls in a run of %.0f ms", sum, runCPUMS)
	}
	return ""
}
