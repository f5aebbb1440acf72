// Package efficiency measures how an accepted solution's running time grows
// with its input size (the efficiency probe, docs/efficiency-probe.md): the
// judge times it on the problem's inputs of growing size (problems/gen),
// judge/growth fits the growth, and the result is stored with the
// submission for the report and the evaluator.
//
// The probe runs after the verdict, as a consumer of code.executed on the
// event bus: it never delays a submit, and it is retried like any consumer
// when the sandbox fails.
package efficiency

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/judge/growth"
	"github.com/mockroom/mockroom/problem"
	"github.com/mockroom/mockroom/problems/gen"
)

// Measurement is a probe's outcome as it is stored with the submission and
// shown in the report. Only timings and the fit: nothing the program wrote.
type Measurement struct {
	Language string `json:"language"`
	// Class is the measured growth class (growth.Classes) or "unmeasured".
	Class string `json:"class"`
	// Optimum is the optimal solution's class as the probe can see it
	// (growth.Measurable of the problem's declared class).
	Optimum string `json:"optimum"`
	// Verdict compares Class with Optimum: optimal, worse, better, unknown.
	Verdict    growth.Comparison `json:"verdict" enum:"optimal,worse,better,unknown"`
	Slope      float64           `json:"slope"`
	Confidence float64           `json:"confidence"`
	// Points are the minimum CPU ms per size, the ones the fit used.
	Points []growth.Point `json:"points"`
	// StoppedAt is the first size over the per-call budget (0: none).
	StoppedAt int `json:"stopped_at,omitempty"`
	// Summary is the sentence the report shows.
	Summary string `json:"summary"`
	// Reason says why the growth is unmeasured.
	Reason string `json:"reason,omitempty"`
	// CostMS is the sandbox's CPU time of the probe's run.
	CostMS     float64   `json:"cost_ms"`
	MeasuredAt time.Time `json:"measured_at"`
}

// Prober is what Measure needs of the judge.
type Prober interface {
	ProbeRuns(ctx context.Context, req judge.ProbeRequest, runs int) ([]*judge.ProbeResult, error)
}

// Options tune a measurement; zero values take the defaults.
type Options struct {
	Reps    int           // timings per size (5)
	Budget  time.Duration // CPU budget of a run (judge.DefaultProbeBudget)
	FloorMS float64       // the timer's noise floor (growth.DefaultFloorMS)
	// PerCallMS is one call's CPU budget (the problem's limit).
	PerCallMS int
}

// Plan is what the probe runs for a problem.
type Plan struct {
	Sizes  []int
	Inputs []json.RawMessage
	// Optimum is the declared class as the probe can measure it.
	Optimum string
}

// PlanFor returns the probe's sizes and inputs for a problem, or false when
// it has no probe inputs (no generator with Scale).
func PlanFor(slug string) (Plan, bool, error) {
	g, ok := gen.Lookup(slug)
	if !ok || g.Scale == nil {
		return Plan{}, false, nil
	}
	pl := Plan{Sizes: g.Sizes}
	for _, n := range g.Sizes {
		in, err := gen.ProbeInput(slug, n)
		if err != nil {
			return Plan{}, false, err
		}
		pl.Inputs = append(pl.Inputs, in)
	}
	// Every call reads its input: when the input grows with n (a list, not
	// a number), reading it is O(n) and a sublinear optimum shows as O(n).
	first, last := len(pl.Inputs[0]), len(pl.Inputs[len(pl.Inputs)-1])
	ratio := float64(g.Sizes[len(g.Sizes)-1]) / float64(g.Sizes[0])
	grows := float64(last) > float64(first)*max(2, ratio/4)
	pl.Optimum = growth.Measurable(g.Class, grows)
	return pl, true, nil
}

// Measure probes code (already accepted) on p's inputs `runs` times over
// one compile and fits each run. It returns nil results when the problem
// has no probe inputs.
func Measure(ctx context.Context, j Prober, p *problem.Problem, language, code string, runs int, o Options) ([]*Measurement, error) {
	pl, ok, err := PlanFor(p.Slug)
	if err != nil || !ok {
		return nil, err
	}
	if o.Reps <= 0 {
		o.Reps = 5
	}
	res, err := j.ProbeRuns(ctx, judge.ProbeRequest{Problem: p, Language: language, Code: code,
		Sizes: pl.Sizes, Inputs: pl.Inputs, Reps: o.Reps, Budget: o.Budget, PerCallMS: o.PerCallMS}, runs)
	if err != nil {
		return nil, err
	}
	out := make([]*Measurement, len(res))
	for i, r := range res {
		out[i] = Fit(r, pl.Optimum, o.FloorMS)
	}
	return out, nil
}

// Fit turns a probe's timings into a Measurement.
func Fit(r *judge.ProbeResult, optimum string, floorMS float64) *Measurement {
	f := growth.Classify(r.Points, floorMS)
	res := &Measurement{Language: r.Language, Class: f.Class, Optimum: optimum, Verdict: growth.Compare(f.Class, optimum),
		Slope: round(f.Slope, 100), Confidence: round(f.Confidence, 100), Points: f.Points, StoppedAt: r.StoppedAt,
		Reason: f.Reason, CostMS: r.CPUMS}
	if r.Problem != "" && f.Class == growth.Unmeasured {
		res.Reason = r.Problem
	}
	if f.Class == growth.Unmeasured && r.StoppedAt > 0 && r.Problem == "" {
		// Over the time limit at a size the optimum handles well inside it
		// (the problem's sizes promise that): slower, whatever its class.
		res.Verdict = growth.Worse
		res.Reason = fmt.Sprintf("it ran over the time limit at n = %s, before enough sizes finished to fit a curve", growth.Thousands(r.StoppedAt))
	}
	for i := range res.Points {
		res.Points[i].MS = round(res.Points[i].MS, 1000)
	}
	res.Summary = Summary(res)
	return res
}

// Summary is the report's sentence: "your solution grew as n^1.98 between
// n = 1,000 and 16,000; the optimum is O(n)".
func Summary(r *Measurement) string {
	if r.Class == growth.Unmeasured {
		return "your solution's growth could not be measured: " + r.Reason
	}
	s := "your solution " + growth.Sentence(growth.Fit{Class: r.Class, Slope: r.Slope, Points: r.Points})
	s += fmt.Sprintf(", closest to %s", growth.Label(r.Class))
	if r.StoppedAt > 0 {
		s += fmt.Sprintf(", and ran over the time limit at n = %s", growth.Thousands(r.StoppedAt))
	}
	if r.Optimum != "" {
		s += "; the optimum is " + growth.Label(r.Optimum)
	}
	return s
}

func round(x, k float64) float64 {
	if x != x { // NaN
		return 0
	}
	return float64(int64(x*k+0.5)) / k
}
