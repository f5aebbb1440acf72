package main

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/interview/redispresence"
	"github.com/mockroom/mockroom/ratelimit"
	"github.com/mockroom/mockroom/ratelimit/redislimit"
	"github.com/mockroom/mockroom/transport/realtime"
	"github.com/mockroom/mockroom/transport/realtime/redisrt"
)

func TestSharedStateInMemoryWithoutRedis(t *testing.T) {
	var logs bytes.Buffer
	s, err := newSharedState(context.Background(), Config{}, mockroom.SystemClock{}, newLogger(&logs, slog.LevelInfo))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, l := s.Limiter.(*ratelimit.Memory)
	_, n := s.Nonces.(*realtime.MemoryNonces)
	_, p := s.Presence.(*interview.MemoryPresence)
	_, f := s.Fanout.(*realtime.MemoryFanout)
	if !l || !n || !p || !f {
		t.Fatalf("without REDIS_URL: %T %T %T %T", s.Limiter, s.Nonces, s.Presence, s.Fanout)
	}
	if !strings.Contains(logs.String(), `"msg":"shared state","where":"memory"`) {
		t.Fatalf("the start log does not say where shared state lives: %s", logs.String())
	}
}

func TestSharedStateBadRedis(t *testing.T) {
	ctx := context.Background()
	log := slog.New(slog.DiscardHandler)
	_, err := newSharedState(ctx, Config{RedisURL: "redis://:secret@127.0.0.1:6379/notanumber"}, mockroom.SystemClock{}, log)
	if ce, ok := err.(*configError); !ok || ce.name != "REDIS_URL" || strings.Contains(ce.Error(), "secret") {
		t.Fatalf("a bad REDIS_URL: %v", err)
	}
	_, err = newSharedState(ctx, Config{RedisURL: "redis://:secret@127.0.0.1:1/0"}, mockroom.SystemClock{}, log)
	if !mockroom.IsKind(err, mockroom.KindUnavailable) || strings.Contains(err.Error(), "secret") {
		t.Fatalf("an unreachable Redis: %v", err)
	}
}

// Two instances' shared state on one Redis: each part is the Redis one,
// and what one instance records the other sees.
func TestSharedStateOnRedis(t *testing.T) {
	_, prefix := testenv.Redis(t) // the cleanup of the test's keys
	cfg := Config{RedisURL: "redis://" + testenv.RedisAddr() + "/0", RealtimeSecret: strings.Repeat("k", 32)}
	var logs bytes.Buffer
	ctx := context.Background()
	clock := mockroom.SystemClock{}
	a, err := newSharedStateAt(ctx, cfg, prefix, clock, newLogger(&logs, slog.LevelInfo))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := newSharedStateAt(ctx, cfg, prefix, clock, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	_, l := a.Limiter.(*redislimit.Limiter)
	_, n := a.Nonces.(*redisrt.Nonces)
	_, p := a.Presence.(*redispresence.Presence)
	_, f := a.Fanout.(*redisrt.Fanout)
	if !l || !n || !p || !f {
		t.Fatalf("with REDIS_URL: %T %T %T %T", a.Limiter, a.Nonces, a.Presence, a.Fanout)
	}
	if !strings.Contains(logs.String(), `"msg":"shared state","where":"redis"`) {
		t.Fatalf("the start log does not say where shared state lives: %s", logs.String())
	}
	a.Limiter.Allow(ctx, "k", 2, time.Hour)
	a.Limiter.Allow(ctx, "k", 2, time.Hour)
	if ok, _, err := b.Limiter.Allow(ctx, "k", 2, time.Hour); ok || err != nil {
		t.Fatalf("B allowed a third event of a limit of two (%v)", err)
	}
	a.Nonces.Use(ctx, "jti", time.Minute)
	if fresh, err := b.Nonces.Use(ctx, "jti", time.Minute); fresh || err != nil {
		t.Fatalf("B took a nonce A used (%v)", err)
	}
	now := time.Now()
	a.Presence.Touch(ctx, "s", now)
	if seen, err := b.Presence.Seen(ctx, []string{"s"}); err != nil || seen["s"].UnixMilli() != now.UnixMilli() {
		t.Fatalf("B does not see A's presence: %v %v", seen, err)
	}
	got := make(chan realtime.Message, 1)
	b.Fanout.Listen(func(m realtime.Message) { got <- m })
	a.Fanout.Listen(func(realtime.Message) {})
	a.Fanout.Publish(ctx, realtime.Message{SignedOut: "u1"})
	select {
	case m := <-got:
		if m.SignedOut != "u1" {
			t.Fatalf("B got %+v", m)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("A's sign-out did not reach B")
	}
}
