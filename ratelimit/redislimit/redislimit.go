// Package redislimit is the ratelimit.Limiter that several instances share:
// GCRA on Redis through github.com/go-redis/redis_rate. "limit events per
// window" becomes a rate of limit per window with a burst of limit, so a
// fresh key takes limit events at once and then refills one event every
// window/limit (the memory limiter refills when the oldest event leaves its
// window instead; both keep the same long-run rate).
package redislimit

import (
	"context"
	"time"

	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/ratelimit"
)

// Limiter keeps each key's theoretical arrival time in Redis under
// "rate:" + prefix + key (redis_rate adds "rate:"), expiring when the key
// would be empty again.
type Limiter struct {
	rl     *redis_rate.Limiter
	prefix string
}

var _ ratelimit.Limiter = (*Limiter)(nil)

// New returns a limiter on rdb whose keys start with prefix ("mockroom:" in
// production; a unique one per test).
func New(rdb *redis.Client, prefix string) *Limiter {
	return &Limiter{rl: redis_rate.NewLimiter(rdb), prefix: prefix}
}

func gcra(limit int, window time.Duration) redis_rate.Limit {
	return redis_rate.Limit{Rate: limit, Burst: limit, Period: window}
}

// Unavailable is the error every call answers while Redis cannot be
// reached: a clear 503, never a crash and never a silent allow.
func unavailable(err error) error {
	e := mockroom.Errorf(mockroom.KindUnavailable, "redis_unavailable", "a shared service is unreachable; try again in a moment")
	e.Err = err
	return e
}

func (l *Limiter) Allow(ctx context.Context, key string, limit int, window time.Duration) (bool, time.Duration, error) {
	if limit <= 0 {
		return false, max(window, time.Second), nil
	}
	res, err := l.rl.Allow(ctx, l.prefix+key, gcra(limit, window))
	if err != nil {
		return false, 0, unavailable(err)
	}
	if res.Allowed > 0 {
		return true, 0, nil
	}
	return false, max(res.RetryAfter, time.Second), nil
}

// Count asks for zero events, which records nothing: what is used is how
// far the key's theoretical arrival time runs ahead of now, in events.
// (redis_rate's Remaining is truncated from a float in Lua and can read one
// short; the margin absorbs that float noise in Redis's clock.)
func (l *Limiter) Count(ctx context.Context, key string, limit int, window time.Duration) (int, error) {
	if limit <= 0 {
		return 0, nil
	}
	res, err := l.rl.AllowN(ctx, l.prefix+key, gcra(limit, window), 0)
	if err != nil {
		return 0, unavailable(err)
	}
	interval := window / time.Duration(limit)
	if interval <= 0 {
		return 0, nil
	}
	ahead := res.ResetAfter - min(time.Millisecond, interval/100)
	if ahead <= 0 {
		return 0, nil
	}
	used := int((ahead + interval - 1) / interval)
	return min(used, limit), nil
}

func (l *Limiter) Reset(ctx context.Context, key string) error {
	if err := l.rl.Reset(ctx, l.prefix+key); err != nil {
		return unavailable(err)
	}
	return nil
}
