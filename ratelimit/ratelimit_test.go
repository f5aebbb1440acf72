package ratelimit

import (
	"context"
	"sync"
	"testing"
	"time"
)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func TestMemorySlidingWindow(t *testing.T) {
	ctx := context.Background()
	clk := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	m := NewMemory(clk)
	steps := []struct {
		advance time.Duration
		wantOK  bool
		wantGE  time.Duration
	}{
		{0, true, 0},
		{10 * time.Second, true, 0},
		{10 * time.Second, true, 0},
		{10 * time.Second, false, 30 * time.Second}, // 4th within a minute: wait until the first leaves
		{31 * time.Second, true, 0},                 // first left the window
		{0, false, 1 * time.Second},
	}
	for i, s := range steps {
		clk.Add(s.advance)
		ok, retry, err := m.Allow(ctx, "k", 3, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if ok != s.wantOK {
			t.Fatalf("step %d: ok=%v want %v", i, ok, s.wantOK)
		}
		if !ok && retry < s.wantGE {
			t.Fatalf("step %d: retryAfter %v, want >= %v", i, retry, s.wantGE)
		}
	}
	if n, _ := m.Count(ctx, "k", 3, time.Minute); n != 3 {
		t.Fatalf("count = %d, want 3", n)
	}
	m.Reset(ctx, "k")
	if n, _ := m.Count(ctx, "k", 3, time.Minute); n != 0 {
		t.Fatalf("count after reset = %d", n)
	}
}

func TestMemoryConcurrentExactlyLimit(t *testing.T) {
	m := NewMemory(nil)
	var wg sync.WaitGroup
	var mu sync.Mutex
	allowed := 0
	for i := 0; i < 100; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, _, _ := m.Allow(context.Background(), "x", 7, time.Hour)
			if ok {
				mu.Lock()
				allowed++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if allowed != 7 {
		t.Fatalf("allowed %d, want 7", allowed)
	}
}
