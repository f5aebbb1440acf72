// Package leadertest is the conformance suite every leader.Lock passes.
package leadertest

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mockroom/mockroom/cluster/leader"
	"github.com/mockroom/mockroom/internal/testenv"
)

// Factory makes contenders for one fresh lock name, and kills one the way
// a crashed process would (no Release).
type Factory struct {
	New  func(t *testing.T) leader.Lock
	Kill func(t *testing.T, l leader.Lock)
}

// Run runs the suite.
func Run(t *testing.T, f Factory) {
	ctx := context.Background()
	t.Run("one holder at a time", func(t *testing.T) {
		a, b := f.New(t), f.New(t)
		mustAcquire(t, a, true)
		mustAcquire(t, b, false)
		if ok, err := a.Keep(ctx); !ok || err != nil {
			t.Fatalf("holder Keep = %v, %v; want true", ok, err)
		}
		if ok, _ := b.Keep(ctx); ok {
			t.Fatal("a contender that never took the lock kept it")
		}
		mustAcquire(t, a, true) // taking it again while holding it is fine
		if err := a.Release(ctx); err != nil {
			t.Fatal(err)
		}
		mustAcquire(t, b, true)
		mustAcquire(t, a, false)
		if err := a.Release(ctx); err != nil { // not the holder: changes nothing
			t.Fatal(err)
		}
		if ok, _ := b.Keep(ctx); !ok {
			t.Fatal("a release by a non-holder freed the lock")
		}
		b.Release(ctx)
	})
	t.Run("a dead holder is replaced", func(t *testing.T) {
		a, b := f.New(t), f.New(t)
		mustAcquire(t, a, true)
		f.Kill(t, a)
		if !testenv.Eventually(20*time.Second, func() bool { ok, _ := b.Acquire(ctx); return ok }) {
			t.Fatal("the lock of a dead holder was never freed")
		}
		if ok, _ := a.Keep(ctx); ok {
			t.Fatal("the dead holder still keeps the lock")
		}
		b.Release(ctx)
	})
	t.Run("Run: exactly one runs the work, and another takes over", func(t *testing.T) {
		var running, maxRunning, started atomic.Int32
		work := func(ctx context.Context) {
			started.Add(1)
			n := running.Add(1)
			for {
				m := maxRunning.Load()
				if n <= m || maxRunning.CompareAndSwap(m, n) {
					break
				}
			}
			<-ctx.Done()
			running.Add(-1)
		}
		var leading [3]atomic.Bool
		var cancels [3]context.CancelFunc
		var wg sync.WaitGroup
		for i := range 3 {
			cctx, cancel := context.WithCancel(ctx)
			cancels[i] = cancel
			l := f.New(t)
			wg.Add(1)
			go func() {
				defer wg.Done()
				leader.Run(cctx, "test", l, work, leader.Options{Every: 50 * time.Millisecond, OnChange: leading[i].Store})
			}()
		}
		defer func() {
			for _, c := range cancels {
				c()
			}
			wg.Wait()
		}()
		who := func() int {
			n, idx := 0, -1
			for i := range leading {
				if leading[i].Load() {
					n, idx = n+1, i
				}
			}
			if n != 1 {
				return -1
			}
			return idx
		}
		if !testenv.Eventually(10*time.Second, func() bool { return who() >= 0 && running.Load() == 1 }) {
			t.Fatal("no single leader emerged")
		}
		first := who()
		cancels[first]() // a clean shutdown hands over at once
		if !testenv.Eventually(20*time.Second, func() bool { w := who(); return w >= 0 && w != first && running.Load() == 1 }) {
			t.Fatal("nobody took over from a leader that stopped")
		}
		time.Sleep(300 * time.Millisecond) // several ticks: still one
		if maxRunning.Load() != 1 {
			t.Fatalf("the work ran %d times at once", maxRunning.Load())
		}
		if started.Load() < 2 {
			t.Fatalf("work started %d times, want a start on each leader", started.Load())
		}
	})
}

func mustAcquire(t *testing.T, l leader.Lock, want bool) {
	t.Helper()
	ok, err := l.Acquire(context.Background())
	if err != nil || ok != want {
		t.Fatalf("Acquire = %v, %v; want %v", ok, err, want)
	}
}
