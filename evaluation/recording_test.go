package evaluation

import (
	"strings"
	"testing"
)

func TestValidateNamesTheField(t *testing.T) {
	ok := func() Recording {
		return Recording{ProblemSlug: "two-sum", Language: "python", DurationMinutes: 30,
			Transcript: []RecordedLine{{Speaker: "candidate", TMS: 1, Text: "hi"}},
			Snapshots:  []RecordedSnapshot{{TMS: 1, Code: "x"}},
			Runs:       []RecordedRun{{TMS: 2, Mode: "submit", Code: "x"}}}
	}
	for _, tc := range []struct {
		name   string
		change func(*Recording)
		want   string // "" valid
	}{
		{"valid", func(*Recording) {}, ""},
		{"no slug", func(r *Recording) { r.ProblemSlug = " " }, "problem_slug"},
		{"no language", func(r *Recording) { r.Language = "" }, "language"},
		{"negative hints", func(r *Recording) { r.HintsUsed = -1 }, "hints_used"},
		{"speaker", func(r *Recording) { r.Transcript[0].Speaker = "judge" }, "transcript[0].speaker"},
		{"time", func(r *Recording) { r.Transcript[0].TMS = -5 }, "transcript[0].t_ms"},
		{"snapshot type", func(r *Recording) { r.Snapshots[0].Type = "draft" }, "snapshots[0].type"},
		{"mode", func(r *Recording) { r.Runs[0].Mode = "deploy" }, "runs[0].mode"},
		{"code too large", func(r *Recording) { r.Runs[0].Code = strings.Repeat("x", 51<<10) }, "runs[0].code"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := ok()
			tc.change(&r)
			err := r.Validate()
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if r.DurationSeconds != 1800 || r.Snapshots[0].Type != "auto" {
					t.Fatalf("defaults not filled: %+v", r)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one naming %s", err, tc.want)
			}
		})
	}
}

func TestWeighted(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	for _, tc := range []struct {
		name string
		dims []Dimension
		want *float64
	}{
		{"all", []Dimension{{Key: ProblemSolving, Score: f(100)}, {Key: CodeQuality, Score: f(80)}, {Key: Communication, Score: f(60)}, {Key: Efficiency, Score: f(40)}}, f(73)},
		{"renormalised over the scored", []Dimension{{Key: ProblemSolving, Score: f(90)}, {Key: CodeQuality, Score: nil}, {Key: Efficiency, Score: f(40)}}, f(70)},
		{"clamped", []Dimension{{Key: ProblemSolving, Score: f(400)}, {Key: Efficiency, Score: f(-50)}}, f(60)},
		{"none", []Dimension{{Key: ProblemSolving}}, nil},
	} {
		got := Weighted(tc.dims)
		if (got == nil) != (tc.want == nil) || (got != nil && *got != *tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestLineRef(t *testing.T) {
	rec := Recording{Transcript: []RecordedLine{{Text: "a"}, {Text: "b"}, {Text: "c"}}}
	for _, tc := range []struct {
		name  string
		seqs  []int64
		refs  []string
		wrong string
	}{
		{"a file: numbered from 1", nil, []string{"1", "2", "3"}, "0"},
		{"stored: the seq", []int64{4, 7, 9}, []string{"4", "7", "9"}, "2"},
	} {
		in := Input{Recording: rec, LineSeqs: tc.seqs}
		for i, want := range tc.refs {
			if got := in.LineRef(i); got != want {
				t.Errorf("%s: LineRef(%d) = %s, want %s", tc.name, i, got, want)
			}
			if j, ok := in.LineIndex(want); !ok || j != i {
				t.Errorf("%s: LineIndex(%s) = %d %v, want %d", tc.name, want, j, ok, i)
			}
		}
		if _, ok := in.LineIndex(tc.wrong); ok {
			t.Errorf("%s: LineIndex(%s) found a line", tc.name, tc.wrong)
		}
	}
}
