package redisrt_test

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/transport/realtime"
	"github.com/mockroom/mockroom/transport/realtime/realtimetest"
	"github.com/mockroom/mockroom/transport/realtime/redisrt"
)

// second is another instance's client of the test server.
func second(t *testing.T) *redis.Client {
	rdb := redis.NewClient(&redis.Options{Addr: testenv.RedisAddr(), ContextTimeoutEnabled: true})
	t.Cleanup(func() { rdb.Close() })
	return rdb
}

func TestNoncesConformance(t *testing.T) {
	testenv.NeedRedis(t)
	realtimetest.RunNonces(t, realtimetest.NoncesHarness{
		New: func(t *testing.T) (realtime.Nonces, realtime.Nonces) {
			rdb, prefix := testenv.Redis(t)
			return redisrt.NewNonces(rdb, prefix), redisrt.NewNonces(second(t), prefix)
		},
		Pass: time.Sleep, // Redis expires keys on its own clock
	})
}

func TestFanoutConformance(t *testing.T) {
	testenv.NeedRedis(t)
	realtimetest.RunFanout(t, func(t *testing.T) (realtime.Fanout, realtime.Fanout) {
		rdb, prefix := testenv.Redis(t)
		a, b := redisrt.New(rdb, redisrt.Options{Prefix: prefix}), redisrt.New(second(t), redisrt.Options{Prefix: prefix})
		t.Cleanup(func() { a.Close(); b.Close() })
		return a, b
	})
}

// Redis down: a nonce cannot be checked, so the token is refused with a
// clear error (never accepted unchecked); a fan-out join fails within its
// context and publishing does not block the caller.
func TestRedisDown(t *testing.T) {
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1, DialTimeout: 200 * time.Millisecond})
	defer rdb.Close()
	ctx := context.Background()
	fresh, err := redisrt.NewNonces(rdb, "mockroom-test:down:").Use(ctx, "j", time.Minute)
	if fresh || !mockroom.IsKind(err, mockroom.KindUnavailable) {
		t.Fatalf("nonce with Redis down: fresh=%v err=%v", fresh, err)
	}
	f := redisrt.New(rdb, redisrt.Options{Prefix: "mockroom-test:down:", Queue: 2})
	defer f.Close()
	jctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	if err := f.Join(jctx, "s"); !mockroom.IsKind(err, mockroom.KindUnavailable) {
		t.Fatalf("join with Redis down: %v", err)
	}
	f.Leave(ctx, "s")
	for range 100 {
		f.Publish(ctx, realtime.Message{SignedOut: "u"}) // drops past the queue, never blocks
	}
}
