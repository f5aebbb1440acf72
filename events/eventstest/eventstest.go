// Package eventstest is the conformance suite every events.Bus passes
// (sqlqueue on SQLite and PostgreSQL, redisstream). Delivery is at least
// once and consumers are idempotent by key; the suite counts each handler's
// effects per key to prove that nothing is lost and nothing is applied
// twice, through retries, a consumer that stops mid-batch, dead letters and
// replays. Ordering is not part of the contract (not even within one
// session): no case depends on it.
package eventstest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.opentelemetry.io/otel/trace"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/events"
)

// Harness is one bus setup with a fresh outbox (and streams).
type Harness struct {
	// NewBus returns a bus instance over the harness's outbox; calling it
	// again gives a second instance, as another process would be. Buses
	// should use short timings (poll, backoff ~20 ms; lease/min-idle ≤ 1 s).
	NewBus func(t *testing.T) events.Bus
	// Outbox is what state changes write events into (in their own
	// transactions); the suite writes through it as a store method would.
	Outbox events.Outbox
	// Backoff is the buses' base backoff.
	Backoff time.Duration
}

// Run runs every case, each with a fresh harness.
func Run(t *testing.T, newHarness func(t *testing.T) Harness) {
	for _, tc := range []struct {
		name string
		fn   func(t *testing.T, h Harness)
	}{
		{"DeliveredToEveryGroupOnce", testDelivery},
		{"DuplicateKeyDeliveredOnce", testDuplicateKey},
		{"RetryWithBackoff", testRetry},
		{"ConsumerCrashMidBatch", testCrash},
		{"PoisonEventToDeadLetters", testPoison},
		{"RunStopsPromptly", testStop},
		{"TraceContinues", testTrace},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, newHarness(t)) })
	}
}

const waitLimit = 15 * time.Second

// recorder counts what handlers did, per group and key.
type recorder struct {
	mu       sync.Mutex
	effects  map[string]int         // group/key → successful handlings
	attempts map[string][]int       // group/key → Delivery.Attempt of each call
	times    map[string][]time.Time // group/key → when each call came
	seen     map[string]events.Delivery
}

func newRecorder() *recorder {
	return &recorder{effects: map[string]int{}, attempts: map[string][]int{}, times: map[string][]time.Time{}, seen: map[string]events.Delivery{}}
}

func gk(group, key string) string { return group + "/" + key }

// called records a call and returns how many calls the key had before.
func (r *recorder) called(d events.Delivery) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	k := gk(d.Group, d.Key)
	r.attempts[k] = append(r.attempts[k], d.Attempt)
	r.times[k] = append(r.times[k], time.Now())
	r.seen[k] = d
	return len(r.attempts[k]) - 1
}

func (r *recorder) applied(d events.Delivery) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.effects[gk(d.Group, d.Key)]++
}

func (r *recorder) effect(group, key string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.effects[gk(group, key)]
}

func (r *recorder) calls(group, key string) []int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.attempts[gk(group, key)])
}

// totals reports the number of keys applied for group and the highest count.
func (r *recorder) totals(group string) (keys, maxCount int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for k, n := range r.effects {
		if strings.HasPrefix(k, group+"/") {
			keys++
			maxCount = max(maxCount, n)
		}
	}
	return keys, maxCount
}

// counting is a handler that applies every delivery once.
func (r *recorder) counting() events.Handler {
	return func(_ context.Context, d events.Delivery) error {
		r.called(d)
		r.applied(d)
		return nil
	}
}

// start runs bus until the returned stop is called; stop fails the test
// if Run does not return promptly.
func start(t *testing.T, bus events.Bus) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- bus.Run(ctx) }()
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run returned %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Errorf("Run did not return within 5 s of its context ending")
		}
	}
	t.Cleanup(stop)
	return stop
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func event(topic, key string) events.Event {
	return events.Event{Topic: topic, Key: key, SessionID: mockroom.NewID(), UserID: mockroom.NewID(),
		Payload: json.RawMessage(fmt.Sprintf(`{"key":%q}`, key))}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Every event reaches every group subscribed to its topic once, whether
// it was written before Run or while running, through the store's outbox
// or Publish.
func testDelivery(t *testing.T, h Harness) {
	ctx := mockroom.AsService(context.Background()) // the outbox is written by server code
	bus := h.NewBus(t)
	rec := newRecorder()
	bus.Subscribe("all", nil, rec.counting())
	bus.Subscribe("ended", []string{events.SessionEnded}, rec.counting())

	var sent []events.Event
	publish := func(i int) {
		e := event(events.Topics[i%len(events.Topics)], fmt.Sprintf("delivery-%d", i))
		if i%2 == 0 {
			must(t, bus.Publish(ctx, e))
		} else {
			must(t, h.Outbox.PublishEvent(ctx, e))
		}
		sent = append(sent, e)
	}
	for i := range 10 {
		publish(i)
	}
	start(t, bus)
	for i := 10; i < 20; i++ {
		publish(i)
	}
	ended := 0
	for _, e := range sent {
		if e.Topic == events.SessionEnded {
			ended++
		}
	}
	waitFor(t, "every event in both groups", func() bool {
		all, _ := rec.totals("all")
		end, _ := rec.totals("ended")
		return all == len(sent) && end == ended
	})
	time.Sleep(200 * time.Millisecond) // room for a wrong redelivery to show
	for _, e := range sent {
		if n := rec.effect("all", e.Key); n != 1 {
			t.Errorf("group all handled %s %d times", e.Key, n)
		}
		want := 0
		if e.Topic == events.SessionEnded {
			want = 1
		}
		if n := rec.effect("ended", e.Key); n != want {
			t.Errorf("group ended handled %s (%s) %d times, want %d", e.Key, e.Topic, n, want)
		}
		rec.mu.Lock()
		d := rec.seen[gk("all", e.Key)]
		rec.mu.Unlock()
		if d.ID == "" || d.Group != "all" || d.Attempt != 1 || d.Topic != e.Topic || d.SessionID != e.SessionID ||
			d.UserID != e.UserID || d.CreatedAt.IsZero() {
			t.Errorf("delivery = %+v, sent %+v", d, e)
		}
		var p struct{ Key string }
		if err := json.Unmarshal(d.Payload, &p); err != nil || p.Key != e.Key {
			t.Errorf("payload %s did not survive the trip", d.Payload)
		}
	}
}

func testDuplicateKey(t *testing.T, h Harness) {
	ctx := mockroom.AsService(context.Background()) // the outbox is written by server code
	bus := h.NewBus(t)
	rec := newRecorder()
	bus.Subscribe("g", nil, rec.counting())
	e := event(events.CodeExecuted, "dup-1")
	must(t, bus.Publish(ctx, e))
	must(t, h.Outbox.PublishEvent(ctx, e))
	start(t, bus)
	e.Payload = json.RawMessage(`{"other":true}`)
	must(t, bus.Publish(ctx, e))
	must(t, bus.Publish(ctx, event(events.CodeExecuted, "dup-2")))
	waitFor(t, "both keys", func() bool { n, _ := rec.totals("g"); return n == 2 })
	time.Sleep(300 * time.Millisecond) // the behaviour under test is an absence: room for a wrong redelivery to show
	if n := rec.effect("g", "dup-1"); n != 1 {
		t.Fatalf("a key published three times was handled %d times", n)
	}
}

// A handler that fails twice succeeds on the third attempt, after waiting
// the backoff each time.
func testRetry(t *testing.T, h Harness) {
	bus := h.NewBus(t)
	rec := newRecorder()
	bus.Subscribe("flaky", nil, func(_ context.Context, d events.Delivery) error {
		if rec.called(d) < 2 {
			return errors.New("downstream unavailable")
		}
		rec.applied(d)
		return nil
	})
	must(t, bus.Publish(context.Background(), event(events.CodeEdited, "retry-1")))
	start(t, bus)
	waitFor(t, "success on the third try", func() bool { return rec.effect("flaky", "retry-1") == 1 })
	time.Sleep(100 * time.Millisecond) // the behaviour under test is an absence: room for a wrong redelivery to show
	if got := rec.calls("flaky", "retry-1"); !slices.Equal(got, []int{1, 2, 3}) {
		t.Fatalf("attempts = %v, want [1 2 3]", got)
	}
	rec.mu.Lock()
	ts := rec.times[gk("flaky", "retry-1")]
	rec.mu.Unlock()
	// Attempt n+1 waits at least base·2^(n-1) (a little slack for clocks).
	for i, want := range []time.Duration{h.Backoff, 2 * h.Backoff} {
		if gap := ts[i+1].Sub(ts[i]); gap < want*9/10 {
			t.Errorf("attempt %d came %v after attempt %d, want at least %v", i+2, gap, i+1, want)
		}
	}
	if dl, err := bus.DeadLetters(context.Background(), 10); err != nil || len(dl) != 0 {
		t.Fatalf("DeadLetters = %+v, %v", dl, err)
	}
}

// A consumer stops in the middle of a batch (its Run's context ends while
// it handles the 5th event, which it never applies). Another instance then
// takes over: every event is applied exactly once.
func testCrash(t *testing.T, h Harness) {
	ctx := context.Background()
	const n = 12
	first := h.NewBus(t)
	for i := range n {
		must(t, first.Publish(ctx, event(events.CodeEdited, fmt.Sprintf("crash-%d", i))))
	}
	rec := newRecorder()
	runCtx, crash := context.WithCancel(ctx)
	handled := 0
	var mu sync.Mutex
	first.Subscribe("worker", nil, func(hctx context.Context, d events.Delivery) error {
		mu.Lock()
		defer mu.Unlock()
		if handled == 4 {
			crash()
			<-hctx.Done() // the handler sees its context end and gives up
			return hctx.Err()
		}
		handled++
		rec.called(d)
		rec.applied(d)
		return nil
	})
	done := make(chan error, 1)
	go func() { done <- first.Run(runCtx) }()
	select {
	case <-done:
	case <-time.After(waitLimit):
		t.Fatal("the first consumer never stopped")
	}
	if keys, _ := rec.totals("worker"); keys != 4 {
		t.Fatalf("the first consumer applied %d events before stopping, want 4", keys)
	}

	second := h.NewBus(t)
	second.Subscribe("worker", nil, rec.counting())
	start(t, second)
	waitFor(t, "the second consumer to finish the rest", func() bool { keys, _ := rec.totals("worker"); return keys == n })
	time.Sleep(300 * time.Millisecond) // the behaviour under test is an absence: room for a wrong redelivery to show
	if keys, most := rec.totals("worker"); keys != n || most != 1 {
		t.Fatalf("%d keys applied, the most often %d times; want %d keys once each", keys, most, n)
	}
}

// An event whose handler always fails is tried exactly MaxAttempts times,
// lands in the dead-letter queue while the rest keep flowing, and a replay
// (with the handler fixed) delivers it once more to its group only.
func testPoison(t *testing.T, h Harness) {
	ctx := context.Background()
	bus := h.NewBus(t)
	rec := newRecorder()
	var fixed sync.Mutex
	broken := true
	bus.Subscribe("fragile", nil, func(_ context.Context, d events.Delivery) error {
		rec.called(d)
		fixed.Lock()
		fail := broken && d.Key == "poison"
		fixed.Unlock()
		if fail {
			return errors.New("boom: cannot handle this event")
		}
		rec.applied(d)
		return nil
	})
	bus.Subscribe("sturdy", nil, rec.counting())
	keys := []string{"ok-1", "ok-2", "poison", "ok-3", "ok-4"}
	for _, k := range keys {
		must(t, bus.Publish(ctx, event(events.SessionEnded, k)))
	}
	start(t, bus)
	var dls []events.DeadLetter
	waitFor(t, "the poison event in the dead-letter queue", func() bool {
		var err error
		dls, err = bus.DeadLetters(ctx, 10)
		return err == nil && len(dls) == 1
	})
	waitFor(t, "the other events", func() bool { n, _ := rec.totals("fragile"); return n == 4 })
	// Long enough for a 6th attempt to show if there were one.
	time.Sleep(16*h.Backoff + 300*time.Millisecond)
	if got := rec.calls("fragile", "poison"); !slices.Equal(got, []int{1, 2, 3, 4, 5}) {
		t.Fatalf("poison attempts = %v, want [1 2 3 4 5]", got)
	}
	for _, k := range keys {
		if k != "poison" && rec.effect("fragile", k) != 1 {
			t.Errorf("fragile handled %s %d times", k, rec.effect("fragile", k))
		}
		if rec.effect("sturdy", k) != 1 {
			t.Errorf("sturdy handled %s %d times", k, rec.effect("sturdy", k))
		}
	}
	dl := dls[0]
	if dl.ID == "" || dl.Group != "fragile" || dl.Event.Key != "poison" || dl.Event.Topic != events.SessionEnded ||
		dl.Attempts != events.MaxAttempts || !strings.Contains(dl.LastError, "boom") || dl.FailedAt.IsZero() {
		t.Fatalf("dead letter = %+v", dl)
	}

	fixed.Lock()
	broken = false
	fixed.Unlock()
	must(t, bus.Replay(ctx, dl.ID))
	waitFor(t, "the replayed event", func() bool { return rec.effect("fragile", "poison") == 1 })
	time.Sleep(300 * time.Millisecond) // the behaviour under test is an absence: room for a wrong redelivery to show
	if got := rec.calls("fragile", "poison"); len(got) != 6 || got[5] != 1 {
		t.Fatalf("attempts after replay = %v, want a fresh attempt 1", got)
	}
	if n := rec.effect("sturdy", "poison"); n != 1 {
		t.Fatalf("the replay reached the group that had handled it: sturdy applied it %d times", n)
	}
	if left, err := bus.DeadLetters(ctx, 10); err != nil || len(left) != 0 {
		t.Fatalf("DeadLetters after replay = %+v, %v", left, err)
	}
	for _, id := range []string{dl.ID, "nope", mockroom.NewID(), "0-0"} {
		if err := bus.Replay(ctx, id); !mockroom.IsKind(err, mockroom.KindNotFound) {
			t.Errorf("Replay(%q) = %v, want not found", id, err)
		}
	}
}

// Run returns promptly when its context ends, even with a handler busy
// (one that honours its context) and with nothing to do.
func testStop(t *testing.T, h Harness) {
	bus := h.NewBus(t)
	entered := make(chan struct{}, 1)
	bus.Subscribe("slow", nil, func(ctx context.Context, _ events.Delivery) error {
		select {
		case entered <- struct{}{}:
		default:
		}
		<-ctx.Done()
		return ctx.Err()
	})
	bus.Subscribe("idle", []string{"no.such.topic"}, func(context.Context, events.Delivery) error { return nil })
	must(t, bus.Publish(context.Background(), event(events.CodeEdited, "stop-1")))
	stop := start(t, bus)
	select {
	case <-entered:
	case <-time.After(waitLimit):
		t.Fatal("the handler was never called")
	}
	began := time.Now()
	stop()
	if d := time.Since(began); d > 3*time.Second {
		t.Fatalf("Run took %v to stop", d)
	}
}

// testTrace: a consumer's context continues the trace of the write that
// made the event, whether the event went through the outbox (a state
// change) or Publish, on every group; an untraced write carries none.
func testTrace(t *testing.T, h Harness) {
	ctx := mockroom.AsService(context.Background()) // the outbox is written by server code
	traced := func(b byte) (context.Context, trace.TraceID) {
		id := trace.TraceID{b, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}
		sc := trace.NewSpanContext(trace.SpanContextConfig{TraceID: id, SpanID: trace.SpanID{b, 1}, TraceFlags: trace.FlagsSampled})
		return trace.ContextWithSpanContext(ctx, sc), id
	}
	bus := h.NewBus(t)
	var mu sync.Mutex
	got := map[string]trace.TraceID{} // group/key → the trace the handler ran in
	for _, g := range []string{"a", "b"} {
		bus.Subscribe(g, []string{"trace.test"}, func(ctx context.Context, d events.Delivery) error {
			mu.Lock()
			defer mu.Unlock()
			got[gk(d.Group, d.Key)] = trace.SpanContextFromContext(ctx).TraceID()
			return nil
		})
	}
	outboxCtx, outboxTrace := traced(1)
	publishCtx, publishTrace := traced(2)
	must(t, h.Outbox.PublishEvent(outboxCtx, event("trace.test", "via-outbox")))
	must(t, bus.Publish(publishCtx, event("trace.test", "via-publish")))
	must(t, bus.Publish(ctx, event("trace.test", "untraced")))
	start(t, bus)
	waitFor(t, "every group to handle every event", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(got) == 6
	})
	for _, g := range []string{"a", "b"} {
		if got[gk(g, "via-outbox")] != outboxTrace || got[gk(g, "via-publish")] != publishTrace {
			t.Errorf("group %s: handlers ran in traces %v and %v, want %v and %v", g, got[gk(g, "via-outbox")], got[gk(g, "via-publish")], outboxTrace, publishTrace)
		}
		if id := got[gk(g, "untraced")]; id.IsValid() {
			t.Errorf("group %s: an untraced event's handler ran in trace %v", g, id)
		}
	}
}
