package testenv

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"testing"

	"github.com/redis/go-redis/v9"
)

// Redis connects to the test server (skipping or failing t as NeedRedis
// does) and returns a client with a key prefix of t's own
// ("mockroom-test:<random>:"). When t ends, every key holding the prefix
// anywhere in its name is deleted (redis_rate puts "rate:" before it): the
// shared server is never flushed.
func Redis(t testing.TB) (*redis.Client, string) {
	t.Helper()
	addr := NeedRedis(t)
	var b [6]byte
	rand.Read(b[:])
	prefix := "mockroom-test:" + hex.EncodeToString(b[:]) + ":"
	rdb := redis.NewClient(&redis.Options{Addr: addr, ContextTimeoutEnabled: true})
	t.Cleanup(func() {
		ctx := context.Background()
		iter := rdb.Scan(ctx, 0, "*"+prefix+"*", 200).Iterator()
		for iter.Next(ctx) {
			rdb.Del(ctx, iter.Val())
		}
		rdb.Close()
	})
	return rdb, prefix
}
