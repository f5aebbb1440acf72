package admission_test

import (
	"context"
	"errors"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/mockroom/mockroom/judge/admission"
	"github.com/mockroom/mockroom/judge/admission/admissiontest"
)

func TestMemoryQueue(t *testing.T) {
	admissiontest.Run(t, func(t *testing.T, l admission.Limits) admission.Queue { return admission.NewMemory(l) })
}

// The suite passes through the metrics wrapper too: it changes nothing.
func TestMemoryQueueWithMetrics(t *testing.T) {
	admissiontest.Run(t, func(t *testing.T, l admission.Limits) admission.Queue {
		return admission.NewMetrics(prometheus.NewRegistry()).Queue(admission.NewMemory(l))
	})
}

// waitFor polls cond until it holds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// The pool shrinks without stopping a run: no new run starts until the runs
// in flight are under the new limit; growing admits waiting runs at once.
func TestSetLimitsShrinksAndGrows(t *testing.T) {
	q := admission.NewMemory(admission.Limits{MaxConcurrent: 3, MaxPerUser: 5, MaxQueue: 10, MaxWait: time.Minute})
	ctx := context.Background()
	var rel []func()
	for range 3 {
		r, err := q.Admit(ctx, admission.Ticket{User: "u"})
		if err != nil {
			t.Fatal(err)
		}
		rel = append(rel, r)
	}
	q.SetLimits(admission.Limits{MaxConcurrent: 1, MaxPerUser: 5, MaxQueue: 10, MaxWait: time.Minute})
	got := make(chan func(), 1)
	go func() {
		r, err := q.Admit(ctx, admission.Ticket{User: "u"})
		if err != nil {
			t.Error(err)
		}
		got <- r
	}()
	waitFor(t, "the run to queue", func() bool { return q.Stats().Waiting == 1 })
	rel[0]()
	rel[1]()
	if s := q.Stats(); s.Running != 1 || s.Waiting != 1 {
		t.Fatalf("after shrinking to 1 with 1 run left: %+v, want 1 running and 1 waiting", s)
	}
	q.SetLimits(admission.Limits{MaxConcurrent: 2, MaxPerUser: 5, MaxQueue: 10, MaxWait: time.Minute})
	r := <-got
	if s := q.Stats(); s.Running != 2 || s.Waiting != 0 {
		t.Fatalf("after growing to 2: %+v", s)
	}
	r()
	rel[2]()
	if s := q.Stats(); s != (admission.Stats{}) {
		t.Fatalf("everything released, stats = %+v", s)
	}
}

// A run larger than the whole budget still runs, alone.
func TestRunOverTheBudgetRunsAlone(t *testing.T) {
	q := admission.NewMemory(admission.Limits{MaxConcurrent: 4, MaxPerUser: 4, MemoryBudget: 1 << 30, MaxQueue: 10, MaxWait: time.Minute})
	big, err := q.Admit(context.Background(), admission.Ticket{Memory: 4 << 30})
	if err != nil {
		t.Fatal(err)
	}
	if s := q.Stats(); s.Memory != 1<<30 {
		t.Fatalf("a run over the budget counts as the whole budget, got %d", s.Memory)
	}
	go func() {
		r, err := q.Admit(context.Background(), admission.Ticket{Memory: 1})
		if err == nil {
			r()
		}
	}()
	waitFor(t, "a small run to wait behind the big one", func() bool { return q.Stats().Waiting == 1 })
	big()
	waitFor(t, "the small run to finish", func() bool { return q.Stats() == admission.Stats{} })
}

func TestDefaults(t *testing.T) {
	d := admission.Limits{}.WithDefaults()
	if d.MaxConcurrent < 1 || d.MaxPerUser != 1 || d.MemoryBudget < 1<<30 || d.MaxQueue != 10*d.MaxConcurrent || d.MaxWait != 30*time.Second {
		t.Fatalf("defaults = %+v", d)
	}
	if got := (admission.Limits{MaxConcurrent: 3}).WithDefaults().MaxQueue; got != 30 {
		t.Fatalf("default queue for 3 concurrent runs = %d, want 30", got)
	}
	if admission.HostMemory() < 64<<20 {
		t.Fatalf("host memory = %d", admission.HostMemory())
	}
}

func TestBusyMessage(t *testing.T) {
	e := admission.Busy(admission.ErrQueueFull, 1500*time.Millisecond)
	if e.Code != "judge_busy" || e.RetryAfter != 2*time.Second || !strings.Contains(e.Message, "try again in 2 seconds") || !errors.Is(e, admission.ErrQueueFull) {
		t.Fatalf("busy = %+v", e)
	}
	if e := admission.Busy(admission.ErrWaitLimit, 0); e.RetryAfter != time.Second || !strings.Contains(e.Message, "too long") {
		t.Fatalf("busy after the wait limit = %+v", e)
	}
}

func TestMetrics(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := admission.NewMetrics(reg)
	q := m.Queue(admission.NewMemory(admission.Limits{MaxConcurrent: 1, MaxPerUser: 1, MaxQueue: 1, MaxWait: 100 * time.Millisecond}))
	ctx := context.Background()
	release, err := q.Admit(ctx, admission.Ticket{User: "a"})
	if err != nil {
		t.Fatal(err)
	}
	waiting := make(chan error, 1)
	go func() { _, err := q.Admit(ctx, admission.Ticket{User: "b"}); waiting <- err }()
	waitFor(t, "a run to queue", func() bool { return gauge(t, reg, "mockroom_judge_queue_depth") == 1 })
	if _, err := q.Admit(ctx, admission.Ticket{User: "c"}); !errors.Is(err, admission.ErrQueueFull) {
		t.Fatalf("err = %v, want a full queue", err)
	}
	if err := <-waiting; !errors.Is(err, admission.ErrWaitLimit) {
		t.Fatalf("err = %v, want the wait limit", err)
	}
	if n := gauge(t, reg, "mockroom_judge_runs_in_flight"); n != 1 {
		t.Fatalf("in flight = %v, want 1", n)
	}
	release()
	release()
	if n := gauge(t, reg, "mockroom_judge_runs_in_flight"); n != 0 {
		t.Fatalf("in flight after release = %v", n)
	}
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, mf := range mfs {
		for _, m := range mf.GetMetric() {
			switch mf.GetName() {
			case "mockroom_judge_queue_rejections_total":
				got[m.GetLabel()[0].GetValue()] = m.GetCounter().GetValue()
			case "mockroom_judge_queue_wait_seconds":
				got["waits"] = float64(m.GetHistogram().GetSampleCount())
			}
		}
	}
	if want := map[string]float64{"queue_full": 1, "wait_limit": 1, "waits": 3}; !maps.Equal(got, want) {
		t.Fatalf("series = %v, want %v", got, want)
	}
}

func gauge(t *testing.T, g prometheus.Gatherer, name string) float64 {
	t.Helper()
	mfs, err := g.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() == name && len(mf.GetMetric()) == 1 {
			return mf.GetMetric()[0].GetGauge().GetValue()
		}
	}
	t.Fatalf("no series %s", name)
	return 0
}
