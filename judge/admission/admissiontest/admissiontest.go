// Package admissiontest is the conformance suite of admission.Queue: every
// implementation (the in-memory queue now, a fleet-wide one later) must
// pass Run.
package admissiontest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/judge/admission"
)

// NewQueue returns an empty queue under l, torn down with t.
type NewQueue func(t *testing.T, l admission.Limits) admission.Queue

// Burst is how many runs the concurrency tests send at once.
const Burst = 60

// Run runs the suite.
func Run(t *testing.T, newQueue NewQueue) {
	t.Run("CapsHoldUnderABurst", func(t *testing.T) { testCaps(t, newQueue) })
	t.Run("TrustedCallersSkipThePerUserCap", func(t *testing.T) { testTrusted(t, newQueue) })
	t.Run("FIFOWithPositions", func(t *testing.T) { testFIFO(t, newQueue) })
	t.Run("OwnRunDoesNotBlockOthers", func(t *testing.T) { testOwnRun(t, newQueue) })
	t.Run("FullQueueRefusesAtOnce", func(t *testing.T) { testFull(t, newQueue) })
	t.Run("WaitLimitRefuses", func(t *testing.T) { testWaitLimit(t, newQueue) })
	t.Run("CancelLeavesTheQueue", func(t *testing.T) { testCancel(t, newQueue) })
	t.Run("ReleaseTwiceIsHarmless", func(t *testing.T) { testReleaseTwice(t, newQueue) })
}

// gauge tracks a value's peak.
type gauge struct {
	mu        sync.Mutex
	now, peak int64
}

func (g *gauge) add(d int64) {
	g.mu.Lock()
	g.now += d
	g.peak = max(g.peak, g.now)
	g.mu.Unlock()
}

func (g *gauge) max() int64 { g.mu.Lock(); defer g.mu.Unlock(); return g.peak }

// testCaps sends Burst runs at once under each limit in turn and checks,
// inside the held places, that the limit held and was reached.
func testCaps(t *testing.T, newQueue NewQueue) {
	users := []string{"ada", "grace", "linus"}
	cases := []struct {
		name  string
		lim   admission.Limits
		mem   func(i int) int64
		check func(t *testing.T, runs, memory *gauge, perUser map[string]*gauge)
	}{
		{"global", admission.Limits{MaxConcurrent: 3, MaxPerUser: Burst, MemoryBudget: 1 << 40, MaxQueue: Burst, MaxWait: time.Minute},
			func(int) int64 { return 512 << 20 },
			func(t *testing.T, runs, _ *gauge, _ map[string]*gauge) {
				if runs.max() != 3 {
					t.Errorf("peak concurrent runs = %d, want the limit 3", runs.max())
				}
			}},
		{"per user", admission.Limits{MaxConcurrent: 10, MaxPerUser: 2, MemoryBudget: 1 << 40, MaxQueue: Burst, MaxWait: time.Minute},
			func(int) int64 { return 512 << 20 },
			func(t *testing.T, runs, _ *gauge, perUser map[string]*gauge) {
				for u, g := range perUser {
					if g.max() != 2 {
						t.Errorf("peak runs of %s = %d, want the per-user cap 2", u, g.max())
					}
				}
				if runs.max() > 6 {
					t.Errorf("peak concurrent runs = %d with 3 users of 2 runs each", runs.max())
				}
			}},
		{"memory budget", admission.Limits{MaxConcurrent: 10, MaxPerUser: Burst, MemoryBudget: 1536 << 20, MaxQueue: Burst, MaxWait: time.Minute},
			func(i int) int64 { return int64(1+i%3) * 256 << 20 }, // 256, 512, 768 MiB
			func(t *testing.T, runs, memory *gauge, _ map[string]*gauge) {
				if memory.max() > 1536<<20 {
					t.Errorf("peak memory of admitted runs = %d MiB, over the 1536 MiB budget", memory.max()>>20)
				}
				if runs.max() < 2 {
					t.Errorf("peak concurrent runs = %d: the budget fits two or more", runs.max())
				}
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			q := newQueue(t, tc.lim)
			runs, memory := &gauge{}, &gauge{}
			perUser := map[string]*gauge{}
			for _, u := range users {
				perUser[u] = &gauge{}
			}
			var wg sync.WaitGroup
			errs := make(chan error, Burst)
			for i := range Burst {
				wg.Add(1)
				go func() {
					defer wg.Done()
					u, m := users[i%len(users)], tc.mem(i)
					release, err := q.Admit(context.Background(), admission.Ticket{User: u, Memory: m})
					if err != nil {
						errs <- err
						return
					}
					runs.add(1)
					memory.add(m)
					perUser[u].add(1)
					time.Sleep(2 * time.Millisecond) // the run's work
					perUser[u].add(-1)
					memory.add(-m)
					runs.add(-1)
					release()
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Errorf("a run of the burst was refused: %v", err)
			}
			tc.check(t, runs, memory, perUser)
		})
	}
}

// hold takes a place that the test gives back itself.
func hold(t *testing.T, q admission.Queue, tk admission.Ticket) func() {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	release, err := q.Admit(ctx, tk)
	if err != nil {
		t.Fatalf("admit %+v: %v", tk, err)
	}
	t.Cleanup(release)
	return release
}

// waiter is a run queued in the background.
type waiter struct {
	places chan admission.Place
	done   chan error
	cancel context.CancelFunc
	mu     sync.Mutex
	rel    func()
}

func enqueue(q admission.Queue, tk admission.Ticket) *waiter {
	ctx, cancel := context.WithCancel(context.Background())
	w := &waiter{places: make(chan admission.Place, 64), done: make(chan error, 1), cancel: cancel}
	tk.Waiting = func(p admission.Place) { w.places <- p }
	go func() {
		rel, err := q.Admit(ctx, tk)
		w.mu.Lock()
		w.rel = rel
		w.mu.Unlock()
		w.done <- err
	}()
	return w
}

// heard waits for the waiter to hear want.
func (w *waiter) heard(t *testing.T, want admission.Place) {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case p := <-w.places:
			if p == want {
				return
			}
		case err := <-w.done:
			t.Fatalf("waiting for %+v, Admit returned %v", want, err)
		case <-timeout:
			t.Fatalf("never heard %+v", want)
		}
	}
}

// admitted waits for the waiter's Admit to succeed and returns its release.
func (w *waiter) admitted(t *testing.T) func() {
	t.Helper()
	select {
	case err := <-w.done:
		if err != nil {
			t.Fatalf("Admit: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("never admitted")
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	t.Cleanup(w.rel)
	return w.rel
}

// stillWaiting fails when the waiter's Admit has returned.
func (w *waiter) stillWaiting(t *testing.T) {
	t.Helper()
	select {
	case err := <-w.done:
		t.Fatalf("Admit returned (%v) while the run should wait", err)
	default:
	}
}

func limits(concurrent, perUser, queue int, wait time.Duration) admission.Limits {
	return admission.Limits{MaxConcurrent: concurrent, MaxPerUser: perUser, MemoryBudget: 1 << 40, MaxQueue: queue, MaxWait: wait}
}

func testTrusted(t *testing.T, newQueue NewQueue) {
	q := newQueue(t, limits(4, 1, Burst, time.Minute))
	var runs gauge
	var wg sync.WaitGroup
	var refused atomic.Int32
	gate := make(chan struct{})
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			release, err := q.Admit(context.Background(), admission.Ticket{})
			if err != nil {
				refused.Add(1)
				return
			}
			runs.add(1)
			<-gate
			runs.add(-1)
			release()
		}()
	}
	deadline := time.Now().Add(10 * time.Second)
	for runs.max() < 4 && time.Now().Before(deadline) && refused.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	close(gate)
	wg.Wait()
	if runs.max() != 4 || refused.Load() != 0 {
		t.Fatalf("trusted runs at once = %d (refused %d), want 4: the per-user cap of 1 does not apply without a user", runs.max(), refused.Load())
	}
}

func testFIFO(t *testing.T, newQueue NewQueue) {
	q := newQueue(t, limits(1, 1, 10, time.Minute))
	release := hold(t, q, admission.Ticket{User: "first"})
	var ws []*waiter
	for i := range 3 {
		w := enqueue(q, admission.Ticket{User: fmt.Sprint("user", i)})
		w.heard(t, admission.Place{Ahead: i})
		ws = append(ws, w)
	}
	release()
	rel0 := ws[0].admitted(t)
	ws[0].heard(t, admission.Place{Admitted: true})
	ws[1].heard(t, admission.Place{Ahead: 0})
	ws[2].heard(t, admission.Place{Ahead: 1})
	ws[1].stillWaiting(t)
	rel0()
	rel1 := ws[1].admitted(t)
	ws[2].heard(t, admission.Place{Ahead: 0})
	ws[2].stillWaiting(t)
	rel1()
	ws[2].admitted(t)
}

// A second run of a user waits for the first; another user's run behind it
// does not wait for that.
func testOwnRun(t *testing.T, newQueue NewQueue) {
	q := newQueue(t, limits(2, 1, 10, time.Minute))
	release := hold(t, q, admission.Ticket{User: "ada"})
	second := enqueue(q, admission.Ticket{User: "ada"})
	second.heard(t, admission.Place{Ahead: 0})
	other := enqueue(q, admission.Ticket{User: "grace"})
	other.admitted(t)
	second.stillWaiting(t)
	release()
	second.admitted(t)
}

func busy(t *testing.T, err error, reason error) {
	t.Helper()
	e := mockroom.AsError(err)
	if e == nil || e.Kind != mockroom.KindRateLimited || e.Code != "judge_busy" || e.RetryAfter <= 0 || e.Message == "" || !errors.Is(err, reason) {
		t.Fatalf("err = %#v, want judge_busy (rate limited, with a Retry-After) for %v", err, reason)
	}
}

func testFull(t *testing.T, newQueue NewQueue) {
	q := newQueue(t, limits(1, 1, 2, time.Minute))
	hold(t, q, admission.Ticket{User: "holder"})
	for i := range 2 {
		enqueue(q, admission.Ticket{User: fmt.Sprint("w", i)}).heard(t, admission.Place{Ahead: i})
	}
	start := time.Now()
	_, err := q.Admit(context.Background(), admission.Ticket{User: "late"})
	busy(t, err, admission.ErrQueueFull)
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("a full queue answered after %v; it must refuse at once", d)
	}
}

func testWaitLimit(t *testing.T, newQueue NewQueue) {
	q := newQueue(t, limits(1, 1, 10, 150*time.Millisecond))
	release := hold(t, q, admission.Ticket{User: "holder"})
	start := time.Now()
	_, err := q.Admit(context.Background(), admission.Ticket{User: "patient"})
	busy(t, err, admission.ErrWaitLimit)
	if d := time.Since(start); d < 150*time.Millisecond || d > 5*time.Second {
		t.Fatalf("refused after %v, want about the 150 ms limit", d)
	}
	release()
	// The refused run left nothing behind: the next run is admitted at once.
	hold(t, q, admission.Ticket{User: "next"})
}

func testCancel(t *testing.T, newQueue NewQueue) {
	q := newQueue(t, limits(1, 1, 10, time.Minute))
	release := hold(t, q, admission.Ticket{User: "holder"})
	gone := enqueue(q, admission.Ticket{User: "gone"})
	gone.heard(t, admission.Place{Ahead: 0})
	next := enqueue(q, admission.Ticket{User: "next"})
	next.heard(t, admission.Place{Ahead: 1})
	gone.cancel()
	select {
	case err := <-gone.done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("a cancelled wait returned %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a cancelled wait did not return")
	}
	next.heard(t, admission.Place{Ahead: 0})
	release()
	next.admitted(t)
}

func testReleaseTwice(t *testing.T, newQueue NewQueue) {
	q := newQueue(t, limits(1, 2, 10, time.Minute))
	release := hold(t, q, admission.Ticket{User: "a"})
	release()
	release()
	hold(t, q, admission.Ticket{User: "b"})
	w := enqueue(q, admission.Ticket{User: "c"})
	w.heard(t, admission.Place{Ahead: 0})
	w.stillWaiting(t)
}
