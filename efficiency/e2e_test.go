package efficiency_test

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/mockroom/mockroom/efficiency"
	"github.com/mockroom/mockroom/internal/apptest"
	"github.com/mockroom/mockroom/problems/gen"
	"github.com/mockroom/mockroom/sandbox"
)

// probeGate holds the efficiency probe's run (recognised by its number of
// calls: a warm-up and five per size) until released, and counts them.
type probeGate struct {
	sandbox.Runner
	calls   int
	release chan struct{}
	mu      sync.Mutex
	probes  int
}

func (g *probeGate) Run(ctx context.Context, b *sandbox.Build, stdin []byte, lim sandbox.Limits) (*sandbox.Result, error) {
	var in struct {
		Tests []json.RawMessage `json:"tests"`
	}
	if json.Unmarshal(stdin, &in) == nil && len(in.Tests) == g.calls {
		g.mu.Lock()
		g.probes++
		g.mu.Unlock()
		select {
		case <-g.release:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return g.Runner.Run(ctx, b, stdin, lim)
}

func (g *probeGate) count() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.probes
}

const twoSumGo = `func twoSum(nums []int, target int) []int {
	seen := map[int]int{}
	for i, x := range nums {
		if j, ok := seen[target-x]; ok {
			return []int{j, i}
		}
		seen[x] = i
	}
	return nil
}
`

const wrongGo = `func twoSum(nums []int, target int) []int { return []int{0, 1} }
`

// An accepted submit's verdict comes back while its probe is still held;
// the measurement appears on the report and the snapshot afterwards. A
// rejected submit is never probed.
func TestProbeAfterAcceptedSubmit(t *testing.T) {
	g, _ := gen.Lookup("two-sum")
	gate := &probeGate{calls: 1 + 5*len(g.Sizes), release: make(chan struct{})}
	app := apptest.New(t, apptest.Options{Problems: true, Runner: func(r sandbox.Runner) sandbox.Runner { gate.Runner = r; return gate }})
	c := app.Client()
	c.Signup("probe@example.com")
	id := c.Start("two-sum", "go")

	type view struct {
		Efficiency *efficiency.Measurement `json:"efficiency"`
	}
	report := func() view {
		r := c.Do("GET", "/api/sessions/"+id+"/evaluation", nil)
		if r.Status != http.StatusOK {
			t.Fatalf("evaluation: %d %s", r.Status, r.Body)
		}
		var v view
		r.JSON(t, &v)
		return v
	}

	r := c.Do("POST", "/api/sessions/"+id+"/execute", map[string]any{"code": twoSumGo, "mode": "submit"})
	var rep struct{ Status string }
	r.JSON(t, &rep)
	if r.Status != http.StatusOK || rep.Status != "accepted" {
		t.Fatalf("submit: %d %s", r.Status, r.Body)
	}
	// The verdict is back; the probe waits at the gate (or has not begun).
	if v := report(); v.Efficiency != nil {
		t.Fatalf("a measurement before the probe ran: %+v", v.Efficiency)
	}
	deadline := time.Now().Add(30 * time.Second)
	for gate.count() == 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if gate.count() != 1 {
		t.Fatalf("%d probe runs after the accepted submit, want 1", gate.count())
	}
	close(gate.release)
	var m *efficiency.Measurement
	for deadline := time.Now().Add(90 * time.Second); m == nil && time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		m = report().Efficiency
	}
	if m == nil {
		t.Fatal("no measurement on the report after the probe ran")
	}
	if m.Language != "go" || m.Optimum != "n" || m.Summary == "" || m.MeasuredAt.IsZero() || (m.Class != "unmeasured" && len(m.Points) < 3) {
		t.Fatalf("measurement = %+v", m)
	}
	t.Logf("measured: %s", m.Summary)

	// A rejected submit: no probe, and its snapshot carries nothing.
	r = c.Do("POST", "/api/sessions/"+id+"/execute", map[string]any{"code": wrongGo, "mode": "submit"})
	r.JSON(t, &rep)
	if r.Status != http.StatusOK || rep.Status != "wrong_answer" {
		t.Fatalf("wrong submit: %d %s", r.Status, r.Body)
	}
	time.Sleep(3 * time.Second) // the bus polls every 50 ms
	if gate.count() != 1 {
		t.Fatalf("a rejected submit was probed (%d probe runs)", gate.count())
	}
	var snaps struct {
		Snapshots []struct {
			Code       string          `json:"code"`
			Type       string          `json:"snapshot_type"`
			Efficiency json.RawMessage `json:"efficiency"`
		} `json:"snapshots"`
	}
	c.Do("GET", "/api/sessions/"+id+"/snapshots", nil).JSON(t, &snaps)
	measured := 0
	for _, s := range snaps.Snapshots {
		if len(s.Efficiency) > 0 {
			measured++
			if s.Code != twoSumGo || s.Type != "execution" {
				t.Errorf("a measurement on the wrong snapshot: %+v", s)
			}
		}
	}
	if measured != 1 {
		t.Errorf("%d snapshots carry a measurement, want 1", measured)
	}
}
