// Package redisrt holds the realtime hub's shared state on Redis, for
// several instances serving the same sessions: one-time token nonces (SET
// NX with an expiry) and the fan-out of notices and sign-outs (Pub/Sub).
package redisrt

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/transport/realtime"
)

func unavailable(err error) error {
	e := mockroom.Errorf(mockroom.KindUnavailable, "redis_unavailable", "a shared service is unreachable; try again in a moment")
	e.Err = err
	return e
}

// Nonces remembers used token ids under "<prefix>nonce:<jti>" until their
// TTL ends: a token redeemed on one instance is refused on every other.
type Nonces struct {
	rdb    *redis.Client
	prefix string
}

var _ realtime.Nonces = (*Nonces)(nil)

// NewNonces returns the shared set on rdb ("mockroom:" as prefix in production).
func NewNonces(rdb *redis.Client, prefix string) *Nonces {
	return &Nonces{rdb: rdb, prefix: prefix}
}

// Use sets the key only if it is absent: exactly one of any number of
// concurrent uses, on any instances, is fresh.
func (n *Nonces) Use(ctx context.Context, jti string, ttl time.Duration) (bool, error) {
	fresh, err := n.rdb.SetNX(ctx, n.prefix+"nonce:"+jti, 1, ttl).Result()
	if err != nil {
		return false, unavailable(err)
	}
	return fresh, nil
}
