// Package ratelimit counts events per key: at most limit events per window.
// The in-memory limiter (a sliding-window log) serves a single node;
// ratelimit/redislimit (GCRA on Redis, same interface) serves several
// instances. ratelimit/ratelimittest holds what both must do.
package ratelimit

import (
	"context"
	"sync"
	"time"

	"github.com/mockroom/mockroom"
)

// Limiter decides whether one more event under key fits limit events per
// window. A key is always used with the same limit and window: the Redis
// limiter (GCRA) keeps a rate per key, not a log, so the limit is part of
// what its state means.
type Limiter interface {
	// Allow records an event when it fits and reports ok; otherwise it reports
	// how long until one more would fit (at least a second: it becomes a
	// Retry-After header).
	Allow(ctx context.Context, key string, limit int, window time.Duration) (ok bool, retryAfter time.Duration, err error)
	// Count reports how much of the allowance under key is used, without
	// recording an event: 0 for a key never seen or reset, limit when the
	// next Allow would be refused.
	Count(ctx context.Context, key string, limit int, window time.Duration) (int, error)
	// Reset forgets key (after a successful sign-in, say).
	Reset(ctx context.Context, key string) error
}

// Memory is an in-process sliding-window log. Old keys are swept lazily.
type Memory struct {
	clock mockroom.Clock
	mu    sync.Mutex
	log   map[string][]time.Time
	ops   int
}

var _ Limiter = (*Memory)(nil)

// NewMemory returns an empty in-memory limiter.
func NewMemory(clock mockroom.Clock) *Memory {
	if clock == nil {
		clock = mockroom.SystemClock{}
	}
	return &Memory{clock: clock, log: map[string][]time.Time{}}
}

func (m *Memory) prune(key string, now time.Time, window time.Duration) []time.Time {
	ts := m.log[key]
	i := 0
	for i < len(ts) && !ts[i].After(now.Add(-window)) {
		i++
	}
	ts = ts[i:]
	if len(ts) == 0 {
		delete(m.log, key)
		return nil
	}
	m.log[key] = ts
	return ts
}

func (m *Memory) Allow(_ context.Context, key string, limit int, window time.Duration) (bool, time.Duration, error) {
	now := m.clock.Now()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sweep(now)
	if limit <= 0 {
		return false, max(window, time.Second), nil
	}
	ts := m.prune(key, now, window)
	if len(ts) >= limit {
		retry := ts[len(ts)-limit].Add(window).Sub(now)
		if retry < time.Second {
			retry = time.Second
		}
		return false, retry, nil
	}
	m.log[key] = append(ts, now)
	return true, 0, nil
}

func (m *Memory) Count(_ context.Context, key string, limit int, window time.Duration) (int, error) {
	now := m.clock.Now()
	m.mu.Lock()
	defer m.mu.Unlock()
	return min(len(m.prune(key, now, window)), max(limit, 0)), nil
}

func (m *Memory) Reset(_ context.Context, key string) error {
	m.mu.Lock()
	delete(m.log, key)
	m.mu.Unlock()
	return nil
}

// sweep drops keys idle for a day every few thousand operations so that the
// map cannot grow without bound under a spray of distinct keys.
func (m *Memory) sweep(now time.Time) {
	m.ops++
	if m.ops%4096 != 0 {
		return
	}
	for k, ts := range m.log {
		if len(ts) == 0 || now.Sub(ts[len(ts)-1]) > 24*time.Hour {
			delete(m.log, k)
		}
	}
}
