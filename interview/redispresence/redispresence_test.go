package redispresence_test

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/interview/presencetest"
	"github.com/mockroom/mockroom/interview/redispresence"
)

func TestConformance(t *testing.T) {
	testenv.NeedRedis(t)
	presencetest.Run(t, func(t *testing.T) (interview.Presence, interview.Presence) {
		// Two clients on one prefix: two instances of the server.
		rdb, prefix := testenv.Redis(t)
		other := redis.NewClient(&redis.Options{Addr: testenv.RedisAddr()})
		t.Cleanup(func() { other.Close() })
		return redispresence.New(rdb, redispresence.Options{Prefix: prefix}), redispresence.New(other, redispresence.Options{Prefix: prefix})
	})
}

// The key carries the prefix and expires: nothing is left behind by a
// session that ended on an instance that died before forgetting it.
func TestKeyNameAndExpiry(t *testing.T) {
	rdb, prefix := testenv.Redis(t)
	p := redispresence.New(rdb, redispresence.Options{Prefix: prefix, TTL: time.Hour})
	ctx := context.Background()
	if err := p.Touch(ctx, "abc", time.UnixMilli(1700000000123)); err != nil {
		t.Fatal(err)
	}
	v, err := rdb.Get(ctx, prefix+"presence:abc").Result()
	if err != nil || v != "1700000000123" {
		t.Fatalf("key %spresence:abc = %q (%v)", prefix, v, err)
	}
	if ttl := rdb.TTL(ctx, prefix+"presence:abc").Val(); ttl <= 59*time.Minute || ttl > time.Hour {
		t.Fatalf("ttl %v, want an hour", ttl)
	}
}

func TestRedisDownIsUnavailable(t *testing.T) {
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1, DialTimeout: time.Second})
	defer rdb.Close()
	p := redispresence.New(rdb, redispresence.Options{Prefix: "mockroom-test:down:"})
	ctx := context.Background()
	if err := p.Touch(ctx, "s", time.Now()); !mockroom.IsKind(err, mockroom.KindUnavailable) {
		t.Fatalf("touch: %v", err)
	}
	if _, err := p.Seen(ctx, []string{"s"}); !mockroom.IsKind(err, mockroom.KindUnavailable) {
		t.Fatalf("seen: %v", err)
	}
	if err := p.Forget(ctx, "s"); !mockroom.IsKind(err, mockroom.KindUnavailable) {
		t.Fatalf("forget: %v", err)
	}
}
