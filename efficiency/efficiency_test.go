package efficiency

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/judge/growth"
)

func TestPlanFor(t *testing.T) {
	pl, ok, err := PlanFor("two-sum")
	if err != nil || !ok || len(pl.Sizes) != len(pl.Inputs) || pl.Optimum != "n" {
		t.Fatalf("two-sum: %v %v %+v", ok, err, pl.Sizes)
	}
	if _, ok, _ := PlanFor("no-such-problem"); ok {
		t.Error("a plan for an unknown problem")
	}
}

func TestFitAndSummary(t *testing.T) {
	quad := &judge.ProbeResult{Language: "go", CPUMS: 900, StoppedAt: 32000,
		Points: []growth.Point{{N: 1000, MS: 1}, {N: 2000, MS: 4.1}, {N: 4000, MS: 15.8}, {N: 8000, MS: 64}, {N: 16000, MS: 250}}}
	m := Fit(quad, "n", 0)
	if m.Class != "n^2" || m.Verdict != growth.Worse || m.CostMS != 900 {
		t.Fatalf("%+v", m)
	}
	want := "your solution grew as n^1.99 between n = 1,000 and 16,000, closest to O(n²), and ran over the time limit at n = 32,000; the optimum is O(n)"
	if m.Summary != want {
		t.Errorf("summary\n got %s\nwant %s", m.Summary, want)
	}
	none := Fit(&judge.ProbeResult{Language: "go", Points: []growth.Point{}, Problem: "the warm-up call did not finish"}, "n", 0)
	if none.Class != growth.Unmeasured || none.Verdict != growth.Unknown || !strings.Contains(none.Summary, "warm-up") {
		t.Errorf("%+v", none)
	}
	raw, _ := json.Marshal(m)
	snaps := []interview.Snapshot{{Efficiency: raw}, {}, {Efficiency: json.RawMessage(`{"class":"n"}`)}}
	if l := Latest(snaps); l == nil || l.Class != "n" {
		t.Errorf("Latest = %+v", l)
	}
	if Latest(nil) != nil {
		t.Error("Latest of nothing")
	}
}
