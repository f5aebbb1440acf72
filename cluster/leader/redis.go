package leader

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mockroom/mockroom"
)

// RedisLease is a Lock held as a Redis key with a TTL that the leader
// renews: a leader that dies without releasing it is replaced once the TTL
// runs out.
type RedisLease struct {
	rdb   redis.UniversalClient
	key   string
	token string // this holder's identity: only it may renew or release
	ttl   time.Duration
}

var _ Lock = (*RedisLease)(nil)

// NewRedisLease returns a lease on key (e.g. "mockroom:leader:sweeper")
// lasting ttl (at least three of Run's ticks, so one slow renewal does not
// hand the work over).
func NewRedisLease(rdb redis.UniversalClient, key string, ttl time.Duration) *RedisLease {
	return &RedisLease{rdb: rdb, key: key, token: mockroom.NewID(), ttl: ttl}
}

// renew extends the lease only while it is still ours.
var renew = redis.NewScript(`if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) else return 0 end`)

// release deletes the key only while it is still ours.
var release = redis.NewScript(`if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end`)

func (l *RedisLease) Acquire(ctx context.Context) (bool, error) {
	err := l.rdb.SetArgs(ctx, l.key, l.token, redis.SetArgs{Mode: "NX", TTL: l.ttl}).Err()
	if errors.Is(err, redis.Nil) {
		// Held already: by us after a restart of Run, or by another.
		return l.Keep(ctx)
	}
	return err == nil, err
}

func (l *RedisLease) Keep(ctx context.Context) (bool, error) {
	n, err := renew.Run(ctx, l.rdb, []string{l.key}, l.token, l.ttl.Milliseconds()).Int()
	return n == 1, err
}

func (l *RedisLease) Release(ctx context.Context) error {
	return release.Run(ctx, l.rdb, []string{l.key}, l.token).Err()
}
