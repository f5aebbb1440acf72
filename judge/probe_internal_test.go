package judge

import (
	"testing"

	"github.com/mockroom/mockroom/judge/growth"
)

func TestProbePoints(t *testing.T) {
	ok := func(i int, ms float64) event { return event{T: "result", I: i, OK: true, CPUMS: ms, MS: ms} }
	sizes := []int{10, 20, 40}
	for _, tc := range []struct {
		name    string
		evs     []event
		want    []growth.Point
		stopped int
		problem string
	}{
		{"all sizes, minimum of reps", []event{ok(0, 9), ok(1, 2), ok(2, 1), ok(3, 4), ok(4, 3), ok(5, 8), ok(6, 7)},
			[]growth.Point{{N: 10, MS: 1}, {N: 20, MS: 3}, {N: 40, MS: 7}}, 0, ""},
		{"stops at the first size over the budget", []event{ok(0, 1), ok(1, 1), ok(2, 1), ok(3, 2),
			{T: "result", I: 4, OK: false, Verdict: TimeLimit}},
			[]growth.Point{{N: 10, MS: 1}}, 20, ""},
		{"a crash ends the points", []event{ok(0, 1), ok(1, 1), ok(2, 1)}, []growth.Point{{N: 10, MS: 1}}, 20, "the run ended during a call at n = 20 (the probe's total budget, or a crash)"},
		{"a call slow on the wall clock is over the budget", []event{ok(0, 1), ok(1, 1), {T: "result", I: 2, OK: true, CPUMS: 1, MS: 1e6}},
			[]growth.Point{}, 10, ""},
		{"a zero CPU time (a coarse clock) takes the wall time", []event{ok(0, 1), {T: "result", I: 1, OK: true, CPUMS: 0, MS: 0.4}, ok(2, 0.5), ok(3, 1), ok(4, 1), ok(5, 2), ok(6, 2)},
			[]growth.Point{{N: 10, MS: 0.4}, {N: 20, MS: 1}, {N: 40, MS: 2}}, 0, ""},
		{"no warm-up", nil, []growth.Point{}, 10, "the run ended during a call at n = 10 (the probe's total budget, or a crash)"},
		{"warm-up over the budget", []event{{T: "result", I: 0, Verdict: TimeLimit}}, []growth.Point{}, 10, ""},
		{"a forged duplicate line is ignored", []event{ok(0, 1), ok(1, 5), ok(1, 0.001), ok(2, 5), ok(3, 6), ok(4, 6), ok(5, 7), ok(6, 7)},
			[]growth.Point{{N: 10, MS: 5}, {N: 20, MS: 6}, {N: 40, MS: 7}}, 0, ""},
	} {
		pts, stopped, problem := probePoints(tc.evs, sizes, 2, 100)
		if len(pts) != len(tc.want) || stopped != tc.stopped || problem != tc.problem {
			t.Errorf("%s: got %v %d %q", tc.name, pts, stopped, problem)
			continue
		}
		for i := range pts {
			if pts[i] != tc.want[i] {
				t.Errorf("%s: got %v, want %v", tc.name, pts, tc.want)
			}
		}
	}
}

// Timings the program reports beyond the sandbox's CPU time are forged.
func TestCheckTimings(t *testing.T) {
	pts := []growth.Point{{N: 1, MS: 10}, {N: 2, MS: 20}}
	if msg := checkTimings(pts, 3, 200); msg != "" {
		t.Error(msg)
	}
	if msg := checkTimings(pts, 3, 50); msg == "" {
		t.Error("90 ms of calls in a 50 ms run passed")
	}
}
