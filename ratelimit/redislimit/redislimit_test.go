package redislimit_test

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/ratelimit"
	"github.com/mockroom/mockroom/ratelimit/ratelimittest"
	"github.com/mockroom/mockroom/ratelimit/redislimit"
)

func TestConformance(t *testing.T) {
	testenv.NeedRedis(t)
	ratelimittest.Run(t, ratelimittest.Harness{
		New: func(t *testing.T) ratelimit.Limiter {
			// A prefix of the test's own; its keys are deleted at the end.
			rdb, prefix := testenv.Redis(t)
			return redislimit.New(rdb, prefix)
		},
		Pass:  time.Sleep, // redis_rate reads Redis's own clock
		Short: 400 * time.Millisecond,
	})
}

// Redis down: every call answers KindUnavailable (a 503 with a clear
// message), never allows silently and never panics.
func TestRedisDownIsUnavailable(t *testing.T) {
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1, DialTimeout: time.Second})
	defer rdb.Close()
	l := redislimit.New(rdb, "mockroom-test:down:")
	ctx := context.Background()
	ok, _, err := l.Allow(ctx, "k", 3, time.Minute)
	if ok || !mockroom.IsKind(err, mockroom.KindUnavailable) {
		t.Fatalf("Allow with Redis down: ok=%v err=%v", ok, err)
	}
	if _, err := l.Count(ctx, "k", 3, time.Minute); !mockroom.IsKind(err, mockroom.KindUnavailable) {
		t.Fatalf("Count with Redis down: %v", err)
	}
	if err := l.Reset(ctx, "k"); !mockroom.IsKind(err, mockroom.KindUnavailable) {
		t.Fatalf("Reset with Redis down: %v", err)
	}
}
