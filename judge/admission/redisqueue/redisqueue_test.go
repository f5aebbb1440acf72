package redisqueue_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/judge/admission"
	"github.com/mockroom/mockroom/judge/admission/admissiontest"
	"github.com/mockroom/mockroom/judge/admission/redisqueue"
)

// client connects to the test server and deletes the queue's keys when t
// ends.
func client(t *testing.T, prefix string) *redis.Client {
	t.Helper()
	addr := testenv.NeedRedis(t)
	rdb := redis.NewClient(&redis.Options{Addr: addr, ContextTimeoutEnabled: true})
	t.Cleanup(func() {
		ctx := context.Background()
		iter := rdb.Scan(ctx, 0, "{"+prefix+"}*", 100).Iterator()
		for iter.Next(ctx) {
			rdb.Del(ctx, iter.Val())
		}
		rdb.Close()
	})
	return rdb
}

// A unique prefix per queue: parallel packages never share one.
func prefix() string { return "mockroom-test:admission:" + mockroom.NewID()[:8] }

func newQueue(t *testing.T, l admission.Limits) admission.Queue {
	p := prefix()
	q := redisqueue.New(client(t, p), l, redisqueue.Options{Prefix: p})
	t.Cleanup(func() { q.Close() })
	return q
}

func TestConformance(t *testing.T) {
	admissiontest.Run(t, newQueue)
}

// Two nodes on one fleet queue pass the suite too: every other Admit goes
// through the second node, so FIFO, caps and positions hold across them.
func TestConformanceTwoNodes(t *testing.T) {
	admissiontest.Run(t, func(t *testing.T, l admission.Limits) admission.Queue {
		p := prefix()
		a := redisqueue.New(client(t, p), l, redisqueue.Options{Prefix: p})
		b := redisqueue.New(client(t, p), l, redisqueue.Options{Prefix: p})
		t.Cleanup(func() { a.Close(); b.Close() })
		return &alternate{qs: []admission.Queue{a, b}}
	})
}

type alternate struct {
	qs []admission.Queue
	mu sync.Mutex
	n  int
}

func (a *alternate) Admit(ctx context.Context, t admission.Ticket) (func(), error) {
	a.mu.Lock()
	q := a.qs[a.n%len(a.qs)]
	a.n++
	a.mu.Unlock()
	return q.Admit(ctx, t)
}

// The node's own queue in front of the fleet's, as serve runs them.
func TestConformanceChained(t *testing.T) {
	admissiontest.Run(t, func(t *testing.T, l admission.Limits) admission.Queue {
		p := prefix()
		fleet := redisqueue.New(client(t, p), l, redisqueue.Options{Prefix: p})
		t.Cleanup(func() { fleet.Close() })
		return admission.NewMetrics(prometheus.NewRegistry()).Queue(admission.Chain(admission.NewMemory(l), fleet))
	})
}

// admitIn returns a channel that hears the result of Admit on q.
func admitIn(ctx context.Context, q admission.Queue, tk admission.Ticket) chan error {
	done := make(chan error, 1)
	go func() {
		_, err := q.Admit(ctx, tk)
		done <- err
	}()
	return done
}

// A node that dies gives its places and its waiting runs back when their
// leases end: nothing leaks.
func TestDeadNodeLeaksNothing(t *testing.T) {
	p := prefix()
	lim := admission.Limits{MaxConcurrent: 1, MaxPerUser: 1, MemoryBudget: 1 << 40, MaxQueue: 10, MaxWait: 2 * time.Minute}
	opts := redisqueue.Options{Prefix: p, Lease: 900 * time.Millisecond}
	addr := testenv.NeedRedis(t)
	deadClient := redis.NewClient(&redis.Options{Addr: addr, ContextTimeoutEnabled: true})
	dead := redisqueue.New(deadClient, lim, opts)
	live := redisqueue.New(client(t, p), lim, opts)
	t.Cleanup(func() { live.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	// The dying node holds the only place and has a run waiting.
	if _, err := dead.Admit(ctx, admission.Ticket{User: "ada"}); err != nil {
		t.Fatal(err)
	}
	heard := make(chan admission.Place, 16)
	deadWaiter := admitIn(ctx, dead, admission.Ticket{User: "grace", Waiting: func(p admission.Place) { heard <- p }})
	if p := <-heard; p != (admission.Place{Ahead: 0}) {
		t.Fatalf("the dead node's waiter heard %+v", p)
	}
	// A run on the live node waits behind both.
	places := make(chan admission.Place, 16)
	liveWaiter := admitIn(ctx, live, admission.Ticket{User: "linus", Waiting: func(p admission.Place) { places <- p }})
	if p := <-places; p != (admission.Place{Ahead: 1}) {
		t.Fatalf("the live node's run heard %+v, want 1 ahead", p)
	}

	// The node dies: it stops renewing, and its connection is gone.
	deadClient.Close()
	dead.Close()

	select {
	case err := <-liveWaiter:
		if err != nil {
			t.Fatalf("the live node's run: %v", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("the dead node's place and waiting run were never given back")
	}
	stats, err := live.Stats(context.Background())
	if err != nil || stats.Running != 1 || stats.Waiting != 0 {
		t.Errorf("stats %+v (%v), want the live run alone", stats, err)
	}
	cancel()
	if err := <-deadWaiter; err == nil {
		t.Error("the dead node's waiter was admitted")
	}
}

// Runs in flight on a live node keep their places past many leases.
func TestLeaseRenewed(t *testing.T) {
	p := prefix()
	lim := admission.Limits{MaxConcurrent: 1, MaxPerUser: 1, MemoryBudget: 1 << 40, MaxQueue: 10, MaxWait: time.Minute}
	q := redisqueue.New(client(t, p), lim, redisqueue.Options{Prefix: p, Lease: 300 * time.Millisecond})
	t.Cleanup(func() { q.Close() })
	release, err := q.Admit(context.Background(), admission.Ticket{User: "ada"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second) // several leases
	defer cancel()
	if _, err := q.Admit(ctx, admission.Ticket{User: "grace"}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a second run while the first holds the only place: %v, want it still waiting", err)
	}
	release()
	if _, err := q.Admit(context.Background(), admission.Ticket{User: "grace"}); err != nil {
		t.Fatal(err)
	}
}

// The fleet queue's depth and runs reach /metrics from Redis.
func TestCollector(t *testing.T) {
	p := prefix()
	lim := admission.Limits{MaxConcurrent: 1, MaxPerUser: 1, MemoryBudget: 1 << 40, MaxQueue: 10, MaxWait: time.Minute}
	q := redisqueue.New(client(t, p), lim, redisqueue.Options{Prefix: p})
	t.Cleanup(func() { q.Close() })
	reg := prometheus.NewRegistry()
	reg.MustRegister(q)
	release, err := q.Admit(context.Background(), admission.Ticket{User: "a"})
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	heard := make(chan admission.Place, 4)
	admitIn(ctx, q, admission.Ticket{User: "b", Waiting: func(p admission.Place) { heard <- p }})
	<-heard
	got := map[string]float64{}
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		got[mf.GetName()] = mf.GetMetric()[0].GetGauge().GetValue()
	}
	if got["mockroom_judge_fleet_queue_depth"] != 1 || got["mockroom_judge_fleet_runs_in_flight"] != 1 {
		t.Errorf("metrics %v, want one waiting and one running", got)
	}
}
