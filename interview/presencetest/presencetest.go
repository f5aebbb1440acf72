// Package presencetest is the conformance suite every interview.Presence
// passes: the in-memory map and the shared Redis one.
package presencetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/mockroom/mockroom/interview"
)

// Lag is how far Seen may trail the latest Touch: a shared presence writes
// a session at most once a second (interview/redispresence).
const Lag = time.Second

// NewPair returns two presences that share their state, as two instances
// of the server do (the in-memory one: the same map twice).
type NewPair func(t *testing.T) (a, b interview.Presence)

var t0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

func near(got, want time.Time, lag time.Duration) bool {
	return !got.Before(want.Add(-lag-time.Millisecond)) && !got.After(want.Add(time.Millisecond))
}

// Run runs the suite.
func Run(t *testing.T, newPair NewPair) {
	ctx := context.Background()
	t.Run("TouchThenSeen", func(t *testing.T) {
		p, _ := newPair(t)
		at := t0.Add(1234567 * time.Microsecond)
		if err := p.Touch(ctx, "s1", at); err != nil {
			t.Fatal(err)
		}
		got, err := p.Seen(ctx, []string{"s1", "never"})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || !near(got["s1"], at, 0) {
			t.Fatalf("seen %v, want only s1 at %v", got, at)
		}
		if got, err := p.Seen(ctx, nil); err != nil || len(got) != 0 {
			t.Fatalf("seen of no sessions: %v %v", got, err)
		}
	})
	t.Run("LatestTouchWithinTheLag", func(t *testing.T) {
		p, _ := newPair(t)
		for _, d := range []time.Duration{0, 300 * time.Millisecond, 2 * time.Second, 2*time.Second + 500*time.Millisecond, 9 * time.Second} {
			at := t0.Add(d)
			if err := p.Touch(ctx, "s", at); err != nil {
				t.Fatal(err)
			}
			got, err := p.Seen(ctx, []string{"s"})
			if err != nil || !near(got["s"], at, Lag) {
				t.Fatalf("after a touch at +%v: seen %v (%v)", d, got["s"].Sub(t0), err)
			}
		}
	})
	t.Run("ForgetThenTouchAgain", func(t *testing.T) {
		p, _ := newPair(t)
		p.Touch(ctx, "f", t0)
		if err := p.Forget(ctx, "f"); err != nil {
			t.Fatal(err)
		}
		if got, _ := p.Seen(ctx, []string{"f"}); len(got) != 0 {
			t.Fatalf("seen after forget: %v", got)
		}
		// A touch right after forgetting is recorded, throttle or not.
		p.Touch(ctx, "f", t0.Add(10*time.Millisecond))
		if got, _ := p.Seen(ctx, []string{"f"}); !near(got["f"], t0.Add(10*time.Millisecond), 0) {
			t.Fatalf("touch after forget: %v", got)
		}
		if err := p.Forget(ctx, "never-touched"); err != nil {
			t.Fatalf("forgetting an unknown session: %v", err)
		}
	})
	t.Run("SharedBetweenInstances", func(t *testing.T) {
		a, b := newPair(t)
		a.Touch(ctx, "x", t0)
		got, err := b.Seen(ctx, []string{"x"})
		if err != nil || !near(got["x"], t0, 0) {
			t.Fatalf("b does not see a's touch: %v %v", got, err)
		}
		b.Touch(ctx, "x", t0.Add(5*time.Second))
		if got, _ := a.Seen(ctx, []string{"x"}); !near(got["x"], t0.Add(5*time.Second), 0) {
			t.Fatalf("a does not see b's later touch: %v", got)
		}
		b.Forget(ctx, "x")
		if got, _ := a.Seen(ctx, []string{"x"}); len(got) != 0 {
			t.Fatalf("a still sees a session b forgot: %v", got)
		}
	})
	t.Run("ManySessionsAtOnce", func(t *testing.T) {
		p, _ := newPair(t)
		var ids []string
		var wg sync.WaitGroup
		for i := range 1200 {
			id := fmt.Sprintf("m%04d", i)
			ids = append(ids, id)
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := p.Touch(ctx, id, t0.Add(time.Duration(i)*time.Millisecond)); err != nil {
					t.Error(err)
				}
			}()
			if i%50 == 49 {
				wg.Wait() // bounded parallelism: the test server is shared
			}
		}
		wg.Wait()
		got, err := p.Seen(ctx, ids)
		if err != nil || len(got) != len(ids) {
			t.Fatalf("seen %d of %d (%v)", len(got), len(ids), err)
		}
		if !near(got["m0777"], t0.Add(777*time.Millisecond), 0) {
			t.Fatalf("m0777 at %v", got["m0777"])
		}
	})
}
