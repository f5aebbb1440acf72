package redisstream_test

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/events/eventstest"
	"github.com/mockroom/mockroom/events/redisstream"
	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/storage/sqlite"
)

const backoff = 20 * time.Millisecond

// client connects to the test server and deletes every key under prefix
// when t ends.
func client(t *testing.T, prefix string) *redis.Client {
	t.Helper()
	addr := testenv.NeedRedis(t)
	rdb := redis.NewClient(&redis.Options{Addr: addr, ContextTimeoutEnabled: true})
	t.Cleanup(func() {
		ctx := context.Background()
		iter := rdb.Scan(ctx, 0, prefix+"*", 100).Iterator()
		for iter.Next(ctx) {
			rdb.Del(ctx, iter.Val())
		}
		rdb.Close()
	})
	return rdb
}

func harness(t *testing.T) eventstest.Harness {
	// A unique prefix per test: parallel runs never share a stream.
	prefix := "mockroom-test:" + mockroom.NewID()[:8] + ":"
	rdb := client(t, prefix)
	db, err := sqlite.Open(context.Background(), t.TempDir(), mockroom.SystemClock{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return eventstest.Harness{
		NewBus: func(t *testing.T) events.Bus {
			return redisstream.New(rdb, db, redisstream.Options{
				Prefix: prefix, Block: 50 * time.Millisecond, MinIdle: 500 * time.Millisecond,
				Backoff: backoff, RelayPoll: 50 * time.Millisecond,
			})
		},
		Outbox:  db,
		Backoff: backoff,
	}
}

func TestConformance(t *testing.T) {
	eventstest.Run(t, harness)
}

// The relay moves each outbox row to the stream once and marks it
// published; the stream names carry the prefix.
func TestRelay(t *testing.T) {
	h := harness(t)
	ctx := context.Background()
	bus := h.NewBus(t).(*redisstream.Bus)
	for _, k := range []string{"r1", "r2", "r1"} {
		if err := bus.Publish(ctx, events.Event{Topic: events.CodeEdited, Key: k}); err != nil {
			t.Fatal(err)
		}
	}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { bus.Run(runCtx); close(done) }()
	rdb := client(t, "unused-")
	var n int64
	var err error
	if !testenv.Eventually(5*time.Second, func() bool { n, err = rdb.XLen(ctx, bus.Stream()).Result(); return err == nil && n == 2 }) {
		t.Fatalf("stream %s has %d messages, want 2 (%v)", bus.Stream(), n, err)
	}
	// Settled once every row is marked published: the relay pushes only
	// unpublished rows, so the stream cannot grow after that.
	unpublished := func() int {
		left, _ := h.Outbox.ClaimUnpublished(ctx, time.Now().Add(time.Hour), 0, 10)
		return len(left)
	}
	if !testenv.Eventually(5*time.Second, func() bool { return unpublished() == 0 }) {
		t.Fatal("the relay never marked its rows published")
	}
	cancel()
	<-done
	if n, _ := rdb.XLen(ctx, bus.Stream()).Result(); n != 2 {
		t.Fatalf("stream has %d messages after the relay settled, want 2", n)
	}
	if left, err := h.Outbox.ClaimUnpublished(ctx, time.Now().Add(time.Hour), 0, 10); err != nil || len(left) != 0 {
		t.Fatalf("unpublished rows left: %+v, %v", left, err)
	}
}
