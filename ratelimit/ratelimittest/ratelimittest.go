// Package ratelimittest is the conformance suite every ratelimit.Limiter
// passes: the in-memory sliding-window log and the Redis GCRA limiter. It
// holds only what both promise; how an allowance refills inside a window
// (all at once when the oldest event leaves, or one event every
// window/limit) is theirs to choose.
package ratelimittest

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mockroom/mockroom/ratelimit"
)

// Harness builds the limiter under test.
type Harness struct {
	// New returns a limiter that has seen no key.
	New func(t *testing.T) ratelimit.Limiter
	// Pass lets d go by on the limiter's clock: a test clock moves, Redis's
	// own clock is real time, so its harness sleeps.
	Pass func(d time.Duration)
	// Short is a window that Pass can let go by quickly.
	Short time.Duration
}

// Run runs the suite.
func Run(t *testing.T, h Harness) {
	ctx := context.Background()
	// Refusals are checked on hour-long windows: a loaded machine cannot
	// let an hour pass between two calls.
	t.Run("AllowsUpToTheLimitThenRefuses", func(t *testing.T) {
		l := h.New(t)
		for i := 1; i <= 3; i++ {
			ok, _, err := l.Allow(ctx, "k", 3, time.Hour)
			if err != nil || !ok {
				t.Fatalf("event %d: ok=%v err=%v", i, ok, err)
			}
			if n, err := l.Count(ctx, "k", 3, time.Hour); err != nil || n != i {
				t.Fatalf("count after %d events = %d, %v", i, n, err)
			}
		}
		ok, retry, err := l.Allow(ctx, "k", 3, time.Hour)
		if err != nil || ok {
			t.Fatalf("event past the limit: ok=%v err=%v", ok, err)
		}
		if retry < time.Second || retry > time.Hour {
			t.Fatalf("retryAfter %v, want between a second and the window", retry)
		}
		if n, _ := l.Count(ctx, "k", 3, time.Hour); n != 3 {
			t.Fatalf("count after a refusal = %d, want the limit", n)
		}
	})
	t.Run("RetryAfterOfASingleEventLimit", func(t *testing.T) {
		l := h.New(t)
		if ok, _, err := l.Allow(ctx, "one", 1, time.Hour); err != nil || !ok {
			t.Fatalf("first: %v %v", ok, err)
		}
		_, retry, err := l.Allow(ctx, "one", 1, time.Hour)
		if err != nil || retry < 59*time.Minute || retry > time.Hour {
			t.Fatalf("retryAfter %v (%v), want about an hour", retry, err)
		}
	})
	t.Run("CountDoesNotRecord", func(t *testing.T) {
		l := h.New(t)
		for range 5 {
			if n, err := l.Count(ctx, "c", 2, time.Hour); err != nil || n != 0 {
				t.Fatalf("count of a fresh key = %d, %v", n, err)
			}
		}
		for i := range 2 {
			if ok, _, _ := l.Allow(ctx, "c", 2, time.Hour); !ok {
				t.Fatalf("event %d refused after counts", i+1)
			}
		}
	})
	t.Run("ResetForgets", func(t *testing.T) {
		l := h.New(t)
		for range 2 {
			l.Allow(ctx, "r", 2, time.Hour)
		}
		if err := l.Reset(ctx, "r"); err != nil {
			t.Fatal(err)
		}
		if n, _ := l.Count(ctx, "r", 2, time.Hour); n != 0 {
			t.Fatalf("count after reset = %d", n)
		}
		for i := range 2 {
			if ok, _, _ := l.Allow(ctx, "r", 2, time.Hour); !ok {
				t.Fatalf("event %d after reset refused", i+1)
			}
		}
		if err := l.Reset(ctx, "never-seen"); err != nil {
			t.Fatalf("reset of an unknown key: %v", err)
		}
	})
	t.Run("KeysAreIndependent", func(t *testing.T) {
		l := h.New(t)
		l.Allow(ctx, "signin:pair:203.0.113.1|a@example.com", 1, time.Hour)
		for _, k := range []string{"signin:pair:203.0.113.1|b@example.com", "signin:pair:203.0.113.2|a@example.com", "ünïcode key", ""} {
			if ok, _, err := l.Allow(ctx, k, 1, time.Hour); err != nil || !ok {
				t.Fatalf("key %q refused by another key's event: %v", k, err)
			}
		}
	})
	t.Run("ZeroLimitRefuses", func(t *testing.T) {
		l := h.New(t)
		ok, retry, err := l.Allow(ctx, "z", 0, time.Minute)
		if err != nil || ok || retry <= 0 {
			t.Fatalf("a limit of 0: ok=%v retry=%v err=%v", ok, retry, err)
		}
		if n, err := l.Count(ctx, "z", 0, time.Minute); err != nil || n != 0 {
			t.Fatalf("count under a limit of 0 = %d, %v", n, err)
		}
	})
	t.Run("ConcurrentCallersGetExactlyTheLimit", func(t *testing.T) {
		l := h.New(t)
		var wg sync.WaitGroup
		var allowed, failed atomic.Int32
		for range 40 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ok, _, err := l.Allow(ctx, "x", 7, time.Hour)
				if err != nil {
					failed.Add(1)
				}
				if ok {
					allowed.Add(1)
				}
			}()
		}
		wg.Wait()
		if allowed.Load() != 7 || failed.Load() != 0 {
			t.Fatalf("allowed %d (errors %d), want exactly 7", allowed.Load(), failed.Load())
		}
	})
	// Whatever the refill, a whole window without events empties the key.
	t.Run("AWholeWindowEmptiesTheKey", func(t *testing.T) {
		l := h.New(t)
		for i := range 2 {
			if ok, _, err := l.Allow(ctx, "w", 2, h.Short); err != nil || !ok {
				t.Fatalf("event %d: %v %v", i+1, ok, err)
			}
		}
		h.Pass(h.Short)
		if n, err := l.Count(ctx, "w", 2, h.Short); err != nil || n != 0 {
			t.Fatalf("count a window later = %d, %v", n, err)
		}
		for i := range 2 {
			if ok, _, err := l.Allow(ctx, "w", 2, h.Short); err != nil || !ok {
				t.Fatalf("event %d a window later: %v %v", i+1, ok, err)
			}
		}
	})
}
