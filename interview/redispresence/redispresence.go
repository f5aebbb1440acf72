// Package redispresence is the interview.Presence that several instances
// share: the sweeper on any instance sees a client whose socket lives on
// another. One key per active session, "<prefix>presence:<session id>",
// holding the last sign of a client in Unix milliseconds, expiring after
// TTL (an interview lives two hours at most).
package redispresence

import (
	"context"
	"strconv"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/interview"
)

// Options tune the presence; zero values take the defaults.
type Options struct {
	Prefix string // key prefix ("mockroom:" in production)
	// TTL is how long a session's key outlives its last touch (24 h). It
	// must exceed the sweeper's AbandonAfter: a key that expired reads as
	// "never seen".
	TTL time.Duration
	// Throttle is the least time between two writes of one session from
	// this instance (1 s): every socket frame touches its session, and a
	// second of staleness is nothing against a ten-minute abandonment.
	Throttle time.Duration
}

// Presence is the shared Presence.
type Presence struct {
	rdb *redis.Client
	opt Options

	mu      sync.Mutex
	written map[string]time.Time // session → the touch last sent from this instance
	ops     int
}

var _ interview.Presence = (*Presence)(nil)

// New returns a presence on rdb.
func New(rdb *redis.Client, opt Options) *Presence {
	if opt.TTL <= 0 {
		opt.TTL = 24 * time.Hour
	}
	if opt.Throttle <= 0 {
		opt.Throttle = time.Second
	}
	return &Presence{rdb: rdb, opt: opt, written: map[string]time.Time{}}
}

func (p *Presence) key(id string) string { return p.opt.Prefix + "presence:" + id }

func unavailable(err error) error {
	e := mockroom.Errorf(mockroom.KindUnavailable, "redis_unavailable", "a shared service is unreachable; try again in a moment")
	e.Err = err
	return e
}

// Touch writes at unless this instance wrote the session less than
// Throttle before at. An attempt counts even when it fails, so that Redis
// being down costs one failed write a second per session, not one a frame.
func (p *Presence) Touch(ctx context.Context, sessionID string, at time.Time) error {
	p.mu.Lock()
	last, ok := p.written[sessionID]
	if ok && at.Sub(last) < p.opt.Throttle && !at.Before(last) {
		p.mu.Unlock()
		return nil
	}
	p.written[sessionID] = at
	p.sweep(at)
	p.mu.Unlock()
	if err := p.rdb.Set(ctx, p.key(sessionID), strconv.FormatInt(at.UnixMilli(), 10), p.opt.TTL).Err(); err != nil {
		return unavailable(err)
	}
	return nil
}

// sweep drops the throttle's entries that no longer hold anything back
// (sessions that ended on another instance are never forgotten here).
func (p *Presence) sweep(now time.Time) {
	p.ops++
	if p.ops%1024 != 0 {
		return
	}
	for id, t := range p.written {
		if now.Sub(t) > p.opt.Throttle {
			delete(p.written, id)
		}
	}
}

// seenBatch bounds one MGET.
const seenBatch = 500

func (p *Presence) Seen(ctx context.Context, sessionIDs []string) (map[string]time.Time, error) {
	out := make(map[string]time.Time, len(sessionIDs))
	for start := 0; start < len(sessionIDs); start += seenBatch {
		ids := sessionIDs[start:min(start+seenBatch, len(sessionIDs))]
		keys := make([]string, len(ids))
		for i, id := range ids {
			keys[i] = p.key(id)
		}
		vals, err := p.rdb.MGet(ctx, keys...).Result()
		if err != nil {
			return nil, unavailable(err)
		}
		for i, v := range vals {
			s, ok := v.(string)
			if !ok {
				continue // nil: never seen, forgotten or expired
			}
			ms, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				continue // not ours: read as never seen
			}
			out[ids[i]] = time.UnixMilli(ms).UTC()
		}
	}
	return out, nil
}

func (p *Presence) Forget(ctx context.Context, sessionID string) error {
	p.mu.Lock()
	delete(p.written, sessionID)
	p.mu.Unlock()
	if err := p.rdb.Del(ctx, p.key(sessionID)).Err(); err != nil {
		return unavailable(err)
	}
	return nil
}
