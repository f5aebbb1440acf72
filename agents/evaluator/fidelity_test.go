package evaluator

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/mockroom/mockroom/evaluation"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/problems"
	"github.com/mockroom/mockroom/sandbox"
	"github.com/mockroom/mockroom/sandbox/bare"
	"github.com/mockroom/mockroom/sandbox/local"
)

// The fidelity benchmark: recorded sessions of known quality, from
// excellent to empty (testdata/fidelity, manifest.json gives each its rank
// and band). Runs are judged by the real judge, as `mockroom evaluate` does.

type fidelityCase struct {
	File string `json:"file"`
	Rank int    `json:"rank"` // 1 is the best
	Band string `json:"band"`
	Why  string `json:"why"`
	in   evaluation.Input
	raw  []byte
}

// errNoToolchain: this machine cannot run a recording's language.
type errNoToolchain string

func (e errNoToolchain) Error() string { return "the sandbox offers no " + string(e) }

var (
	fidelityOnce  sync.Once
	fidelityCases []*fidelityCase
	fidelityErr   error
)

// fidelity loads and judges the benchmark once per test binary.
func fidelity(t testing.TB) []*fidelityCase {
	t.Helper()
	fidelityOnce.Do(func() { fidelityCases, fidelityErr = loadFidelity() })
	var missing errNoToolchain
	if errors.As(fidelityErr, &missing) {
		testenv.Need(t, "the "+string(missing)+" toolchain", false, fidelityErr.Error())
	}
	if fidelityErr != nil {
		t.Fatal(fidelityErr)
	}
	return fidelityCases
}

func loadFidelity() ([]*fidelityCase, error) {
	dir := filepath.Join("testdata", "fidelity")
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return nil, err
	}
	var man struct{ Sessions []*fidelityCase }
	if err := json.Unmarshal(b, &man); err != nil {
		return nil, err
	}
	var r sandbox.Runner
	if ok, _ := local.Available(); ok {
		lr, err := local.New(local.Config{})
		if err != nil {
			return nil, err
		}
		r = lr
	} else {
		// our own recordings: trusted code, so the toolchains may run bare
		tmp, err := os.MkdirTemp("", "fidelity")
		if err != nil {
			return nil, err
		}
		r = bare.New(tmp)
	}
	langs := []string{}
	for _, l := range r.Languages() {
		langs = append(langs, string(l))
	}
	lib, err := problems.LoadEmbedded(langs)
	if err != nil {
		return nil, err
	}
	j := judge.NewService(r, lib, nil)
	ctx := context.Background()
	for _, c := range man.Sessions {
		c.raw, err = os.ReadFile(filepath.Join(dir, c.File))
		if err != nil {
			return nil, err
		}
		var rec evaluation.Recording
		dec := json.NewDecoder(bytes.NewReader(c.raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rec); err != nil {
			return nil, fmt.Errorf("%s: %w", c.File, err)
		}
		if err := rec.Validate(); err != nil {
			return nil, fmt.Errorf("%s: %w", c.File, err)
		}
		e, ok := lib.Get(rec.ProblemSlug)
		if !ok {
			return nil, fmt.Errorf("%s: no problem %s", c.File, rec.ProblemSlug)
		}
		if !slices.Contains(langs, rec.Language) {
			return nil, fmt.Errorf("%s: %w", c.File, errNoToolchain(rec.Language))
		}
		c.in, err = evaluation.JudgeRecording(ctx, j, &e.Problem, rec)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.File, err)
		}
	}
	return man.Sessions, nil
}

// sortKey orders evaluations best first: insufficient evidence below any score.
func sortKey(e *evaluation.Evaluation) float64 {
	if e.OverallScore == nil || e.Recommendation == evaluation.InsufficientEvidence {
		return -1
	}
	return *e.OverallScore
}

// ranks gives average ranks (1 = largest) so ties share one.
func ranks(v []float64) []float64 {
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case v[a] > v[b]:
			return -1
		case v[a] < v[b]:
			return 1
		}
		return 0
	})
	r := make([]float64, len(v))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && v[idx[j+1]] == v[idx[i]] {
			j++
		}
		for k := i; k <= j; k++ {
			r[idx[k]] = float64(i+j)/2 + 1
		}
		i = j + 1
	}
	return r
}

// spearman is the Pearson correlation of the ranks.
func spearman(a, b []float64) float64 {
	ra, rb := ranks(a), ranks(b)
	n := float64(len(a))
	var ma, mb float64
	for i := range ra {
		ma += ra[i] / n
		mb += rb[i] / n
	}
	var cov, va, vb float64
	for i := range ra {
		cov += (ra[i] - ma) * (rb[i] - mb)
		va += (ra[i] - ma) * (ra[i] - ma)
		vb += (rb[i] - mb) * (rb[i] - mb)
	}
	if va == 0 || vb == 0 {
		return 0
	}
	return cov / math.Sqrt(va*vb)
}

type fidelityResult struct {
	rho       float64
	bandHits  int
	evals     []*evaluation.Evaluation
	perEvalNS float64
}

func runFidelity(t testing.TB, cases []*fidelityCase) fidelityResult {
	var res fidelityResult
	got, want := make([]float64, len(cases)), make([]float64, len(cases))
	for i, c := range cases {
		e, err := NewOffline().Evaluate(context.Background(), c.in)
		if err != nil {
			t.Fatalf("%s: %v", c.File, err)
		}
		res.evals = append(res.evals, e)
		got[i], want[i] = sortKey(e), -float64(c.Rank)
		if e.Recommendation == c.Band {
			res.bandHits++
		}
	}
	res.rho = spearman(got, want)
	return res
}

func TestSpearman(t *testing.T) {
	for _, tc := range []struct {
		a, b []float64
		want float64
	}{
		{[]float64{1, 2, 3, 4}, []float64{10, 20, 30, 40}, 1},
		{[]float64{1, 2, 3, 4}, []float64{4, 3, 2, 1}, -1},
		{[]float64{1, 2, 3}, []float64{1, 3, 2}, 0.5},
		{[]float64{5, 5, 1}, []float64{3, 2, 1}, 0.8660254037844387},
	} {
		if got := spearman(tc.a, tc.b); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("spearman(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestFidelity holds the evaluator to the known order of the benchmark
// and to the regression gates of issue 9.
func TestFidelity(t *testing.T) {
	cases := fidelity(t)
	if len(cases) < 12 {
		t.Fatalf("%d recorded sessions, want at least 12", len(cases))
	}
	res := runFidelity(t, cases)
	for i, c := range cases {
		e := res.evals[i]
		t.Logf("%-26s rank %2d  overall %6s  %-22s (want %s)", c.File, c.Rank, scoreText(e.OverallScore), e.Recommendation, c.Band)
		// Every dimension too, for whoever tunes the scoring (go test -v -run TestFidelity).
		for _, d := range e.Dimensions {
			t.Logf("   %-16s %-22s %s", d.Key, scoreText(d.Score), d.Feedback)
		}
	}
	t.Logf("Spearman %.3f, %d/%d bands", res.rho, res.bandHits, len(cases))
	if res.rho < 0.9 {
		t.Errorf("Spearman correlation %.3f with the known order, want >= 0.9", res.rho)
	}
	var top *fidelityCase
	topScore := -2.0
	for i, c := range cases {
		if k := sortKey(res.evals[i]); k > topScore {
			top, topScore = c, k
		}
	}
	if top == nil || top.Rank != 1 {
		t.Errorf("the top score went to %v, want the rank-1 session", top)
	}
	// gibberish and silence: at the bottom or insufficient evidence
	worstScored := math.Inf(1)
	for i, c := range cases {
		if c.Rank <= 6 { // the clearly better half
			worstScored = math.Min(worstScored, sortKey(res.evals[i]))
		}
	}
	for i, c := range cases {
		e := res.evals[i]
		switch c.Band {
		case evaluation.InsufficientEvidence:
			if e.Recommendation != evaluation.InsufficientEvidence {
				t.Errorf("%s: recommendation %s, want insufficient-evidence", c.File, e.Recommendation)
			}
		}
		if (c.File[3:] == "gibberish.json" || c.File[3:] == "silent.json") &&
			e.Recommendation != evaluation.InsufficientEvidence && sortKey(e) >= worstScored {
			t.Errorf("%s scored %v, not below every good session", c.File, sortKey(e))
		}
		for _, f := range append(slices.Clone(e.Strengths), e.Improvements...) {
			if len(f.Evidence) == 0 {
				t.Errorf("%s: finding without evidence: %q", c.File, f.Text)
			}
		}
	}
	if res.bandHits*3 < len(cases)*2 {
		t.Errorf("%d of %d recommendations in the known band, want at least two thirds", res.bandHits, len(cases))
	}
}

// BenchmarkFidelity reports the benchmark's figures (make bench): the
// Spearman correlation with the known order, the recommendations in the
// right band, and the time of one offline evaluation next to the baseline
// of decoding its recording (work any evaluator does).
func BenchmarkFidelity(b *testing.B) {
	cases := fidelity(b)
	res := runFidelity(b, cases)
	b.ResetTimer()
	start := time.Now()
	var each []time.Duration
	for i := 0; i < b.N; i++ {
		for _, c := range cases {
			t0 := time.Now()
			if _, err := NewOffline().Evaluate(context.Background(), c.in); err != nil {
				b.Fatal(err)
			}
			each = append(each, time.Since(t0))
		}
	}
	evalTime := time.Since(start)
	slices.Sort(each)
	p99 := each[(len(each)*99)/100]
	b.StopTimer()
	start = time.Now()
	for i := 0; i < b.N; i++ {
		for _, c := range cases {
			var rec evaluation.Recording
			if err := json.Unmarshal(c.raw, &rec); err != nil {
				b.Fatal(err)
			}
		}
	}
	base := time.Since(start)
	n := float64(b.N * len(cases))
	b.ReportMetric(res.rho, "spearman")
	b.ReportMetric(float64(res.bandHits), "bands-right")
	b.ReportMetric(float64(len(cases)), "sessions")
	b.ReportMetric(float64(evalTime.Microseconds())/n, "µs/eval")
	b.ReportMetric(float64(base.Microseconds())/n, "decode-µs/eval")
	b.ReportMetric(float64(p99.Microseconds()), "p99-µs/eval")
	b.ReportMetric(0, "ns/op")
}
