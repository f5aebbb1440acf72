// Package redisstream is the scale-out event bus on Redis Streams. State
// changes still write their events into the database's outbox (so an event
// exists if and only if its change committed); a relay moves unpublished
// outbox rows into the stream "events" (XADD, then marks them published).
// Consumer groups read with XREADGROUP, acknowledge with XACK, take over a
// crashed consumer's pending messages with XAUTOCLAIM, retry failures with
// exponential backoff (the attempt is the pending entry's delivery count)
// and after events.MaxAttempts move the message to "events.dlq". Consumers
// are idempotent by key: a group records each key it finished (a Redis key
// with a TTL) and skips it when it is delivered again.
// See docs/adr/0006-events.md.
package redisstream

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"regexp"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/events/sqlqueue"
)

// Options tune the bus; zero values take the defaults.
type Options struct {
	// Prefix goes before every Redis key the bus uses: the streams are
	// Prefix+"events" and Prefix+"events.dlq". Tests use a unique prefix.
	Prefix string
	// Consumer names this instance within its groups (default host-pid-random).
	Consumer   string
	Block      time.Duration // longest XREADGROUP wait; also how often retries are looked at (default 1 s)
	MinIdle    time.Duration // a pending message idle this long is taken from its consumer (default 30 s)
	Backoff    time.Duration // wait before the 2nd attempt, doubled for each later one (default 1 s)
	MaxBackoff time.Duration // cap on the wait (default 5 min)
	Batch      int           // messages read at once (default 32)
	RelayPoll  time.Duration // how often the relay looks at the outbox when nothing woke it (default 500 ms)
	RelayLease time.Duration // how long the relay holds outbox rows it is pushing (default 30 s)
	DoneTTL    time.Duration // how long a group remembers a finished key (default 7 days)
	MaxLen     int64         // approximate cap on the stream's length (default 1,000,000)
	Log        *slog.Logger
}

func (o *Options) defaults() {
	if o.Consumer == "" {
		host, _ := os.Hostname()
		o.Consumer = fmt.Sprintf("%s-%d-%s", host, os.Getpid(), mockroom.NewID()[:8])
	}
	if o.Block <= 0 {
		o.Block = time.Second
	}
	if o.MinIdle <= 0 {
		o.MinIdle = 30 * time.Second
	}
	if o.Backoff <= 0 {
		o.Backoff = time.Second
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = 5 * time.Minute
	}
	if o.Batch <= 0 {
		o.Batch = 32
	}
	if o.RelayPoll <= 0 {
		o.RelayPoll = 500 * time.Millisecond
	}
	if o.RelayLease <= 0 {
		o.RelayLease = 30 * time.Second
	}
	if o.DoneTTL <= 0 {
		o.DoneTTL = 7 * 24 * time.Hour
	}
	if o.MaxLen <= 0 {
		o.MaxLen = 1_000_000
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
}

// Message fields in the streams.
const (
	fieldEvent     = "event"      // the Event as JSON
	fieldForGroup  = "for_group"  // set on a replayed message: only this group handles it
	fieldGroup     = "group"      // dead letters: the group that gave up
	fieldAttempts  = "attempts"   // dead letters
	fieldLastError = "last_error" // dead letters
	fieldFailedAt  = "failed_at"  // dead letters, RFC 3339
)

type subscription struct {
	group  string
	topics []string
	h      events.Handler
}

// Bus is the Redis Streams events.Bus.
type Bus struct {
	rdb    redis.UniversalClient
	outbox events.Outbox
	opts   Options
	stream string
	dlq    string

	mu      sync.Mutex
	subs    []subscription
	running bool
}

var _ events.Bus = (*Bus)(nil)

// New returns a bus over rdb whose events come from outbox.
func New(rdb redis.UniversalClient, outbox events.Outbox, opts Options) *Bus {
	opts.defaults()
	return &Bus{rdb: rdb, outbox: outbox, opts: opts, stream: opts.Prefix + "events", dlq: opts.Prefix + "events.dlq"}
}

// Stream and DLQ name the bus's streams.
func (b *Bus) Stream() string { return b.stream }
func (b *Bus) DLQ() string    { return b.dlq }

// Publish appends a standalone event to the outbox; the relay moves it to
// the stream. A Key already published is a no-op.
func (b *Bus) Publish(ctx context.Context, e events.Event) error {
	// The bus is server plumbing, never a candidate's request: on PostgreSQL
	// the outbox tables are out of the row-level-security role's reach.
	ctx = mockroom.AsService(ctx)
	return mockroom.Wrap("redisstream.Publish", b.outbox.PublishEvent(ctx, e))
}

// Subscribe registers group's handler for topics (every topic when empty).
// A group has one handler: subscribing it again replaces the earlier one.
func (b *Bus) Subscribe(group string, topics []string, h events.Handler) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.running {
		b.opts.Log.Error("events: Subscribe after Run; it takes effect at the next Run", "group", group)
	}
	sub := subscription{group: group, topics: slices.Clone(topics), h: h}
	for i := range b.subs {
		if b.subs[i].group == group {
			b.subs[i] = sub
			return
		}
	}
	b.subs = append(b.subs, sub)
}

// Run relays the outbox and delivers to every subscribed group until ctx
// ends, then returns nil. It fails at once if Redis refuses to create a group.
func (b *Bus) Run(ctx context.Context) error {
	ctx = mockroom.AsService(ctx) // a background worker relaying every user's events
	b.mu.Lock()
	subs := slices.Clone(b.subs)
	b.running = true
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		b.running = false
		b.mu.Unlock()
	}()
	for _, s := range subs {
		// "0": a group created after events were added still gets them,
		// as with the SQL queue.
		err := b.rdb.XGroupCreateMkStream(ctx, b.stream, s.group, "0").Err()
		if err != nil && !isBusyGroup(err) {
			if ctx.Err() != nil {
				return nil
			}
			e := mockroom.Errorf(mockroom.KindUnavailable, "redis_unavailable", "cannot create the consumer group %q in Redis", s.group)
			e.Err = err
			return mockroom.Wrap("redisstream.Run", e)
		}
	}
	var wg sync.WaitGroup
	wg.Go(func() { b.relay(ctx) })
	for _, s := range subs {
		if s.group == "" || s.h == nil {
			b.opts.Log.Error("events: subscription without a group name or handler is ignored", "group", s.group)
			continue
		}
		wg.Go(func() { b.consume(ctx, s) })
	}
	wg.Wait()
	return nil
}

func isBusyGroup(err error) bool {
	return err != nil && len(err.Error()) >= 9 && err.Error()[:9] == "BUSYGROUP"
}

// relay moves unpublished outbox rows to the stream. Rows are leased in the
// database, so several instances relaying at once push each row once
// (unless a lease runs out mid-push; consumers dedupe by key anyway).
func (b *Bus) relay(ctx context.Context) {
	wake := make(chan struct{}, 1)
	cancel := b.outbox.OnOutboxWrite(func() {
		select {
		case wake <- struct{}{}:
		default:
		}
	})
	defer cancel()
	tick := time.NewTicker(b.opts.RelayPoll)
	defer tick.Stop()
	for ctx.Err() == nil {
		n, err := b.relayOnce(ctx)
		if err != nil && ctx.Err() == nil {
			b.opts.Log.Error("events: relaying the outbox to Redis", "err", err)
		}
		if n > 0 && err == nil {
			continue
		}
		select {
		case <-ctx.Done():
		case <-wake:
		case <-tick.C:
		}
	}
}

func (b *Bus) relayOnce(ctx context.Context) (int, error) {
	evs, err := b.outbox.ClaimUnpublished(ctx, time.Now(), b.opts.RelayLease, 100)
	if err != nil || len(evs) == 0 {
		return 0, err
	}
	pipe := b.rdb.Pipeline()
	for _, e := range evs {
		body, err := json.Marshal(e)
		if err != nil {
			return 0, err
		}
		pipe.XAdd(ctx, &redis.XAddArgs{Stream: b.stream, MaxLen: b.opts.MaxLen, Approx: true, Values: []any{fieldEvent, string(body)}})
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return 0, err // the lease runs out and the rows are pushed again
	}
	ids := make([]string, len(evs))
	for i, e := range evs {
		ids[i] = e.ID
	}
	return len(evs), b.outbox.MarkPublished(context.WithoutCancel(ctx), ids, time.Now())
}

func (b *Bus) doneKey(group, key string) string {
	return b.opts.Prefix + "events.done:" + group + ":" + key
}

// consume serves one group: retries that are due, messages stuck with a
// crashed consumer (XAUTOCLAIM), then new messages (XREADGROUP).
func (b *Bus) consume(ctx context.Context, s subscription) {
	log := b.opts.Log.With("group", s.group, "consumer", b.opts.Consumer)
	retries := map[string]time.Time{} // message id → when to try again
	for ctx.Err() == nil {
		var msgs []redis.XMessage

		now := time.Now()
		var due []string
		for id, at := range retries {
			if !at.After(now) {
				due = append(due, id)
				delete(retries, id)
			}
		}
		if len(due) > 0 {
			// XCLAIM to ourselves counts the delivery.
			got, err := b.rdb.XClaim(ctx, &redis.XClaimArgs{Stream: b.stream, Group: s.group, Consumer: b.opts.Consumer, MinIdle: 0, Messages: due}).Result()
			if err != nil && ctx.Err() == nil {
				log.Error("events: reclaiming retries", "err", err)
			}
			msgs = append(msgs, got...)
		}

		got, _, err := b.rdb.XAutoClaim(ctx, &redis.XAutoClaimArgs{Stream: b.stream, Group: s.group, Consumer: b.opts.Consumer,
			MinIdle: b.opts.MinIdle, Start: "0-0", Count: int64(b.opts.Batch)}).Result()
		if err != nil && ctx.Err() == nil {
			log.Error("events: XAUTOCLAIM", "err", err)
		}
		for _, m := range got {
			if _, mine := retries[m.ID]; mine {
				delete(retries, m.ID) // idle past MinIdle while waiting: try now
			}
		}
		msgs = append(msgs, got...)

		if len(msgs) == 0 {
			block := b.opts.Block
			if len(retries) > 0 {
				block = min(block, b.opts.Backoff)
			}
			streams, err := b.rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: s.group, Consumer: b.opts.Consumer,
				Streams: []string{b.stream, ">"}, Count: int64(b.opts.Batch), Block: block}).Result()
			switch {
			case errors.Is(err, redis.Nil):
			case err != nil:
				if ctx.Err() != nil {
					return
				}
				log.Error("events: XREADGROUP", "err", err)
				if isNoGroup(err) {
					// The stream was deleted under us: make the group again.
					_ = b.rdb.XGroupCreateMkStream(ctx, b.stream, s.group, "0").Err()
				}
				sleep(ctx, b.opts.Block)
			default:
				for _, st := range streams {
					msgs = append(msgs, st.Messages...)
				}
			}
		}
		for _, m := range msgs {
			if ctx.Err() != nil {
				return // unhandled messages stay pending; XAUTOCLAIM hands them to another consumer
			}
			if at, retry := b.handle(ctx, log, s, m); retry {
				retries[m.ID] = at
			}
		}
	}
}

func isNoGroup(err error) bool {
	return err != nil && len(err.Error()) >= 7 && err.Error()[:7] == "NOGROUP"
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// attempts is the message's delivery count in the group's pending list.
func (b *Bus) attempts(ctx context.Context, group, id string) (int, error) {
	p, err := b.rdb.XPendingExt(ctx, &redis.XPendingExtArgs{Stream: b.stream, Group: group, Start: id, End: id, Count: 1}).Result()
	if err != nil {
		return 0, err
	}
	if len(p) == 0 {
		return 0, nil // no longer pending: acknowledged meanwhile
	}
	return int(p[0].RetryCount), nil
}

// handle delivers one message; retry reports that it failed and should be
// tried again at the returned time.
func (b *Bus) handle(ctx context.Context, log *slog.Logger, s subscription, m redis.XMessage) (time.Time, bool) {
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	ack := func() {
		if err := b.rdb.XAck(sctx, b.stream, s.group, m.ID).Err(); err != nil {
			log.Error("events: XACK; the message will be delivered again", "id", m.ID, "err", err)
		}
	}
	raw, _ := m.Values[fieldEvent].(string)
	var e events.Event
	if err := json.Unmarshal([]byte(raw), &e); err != nil || e.Topic == "" {
		log.Error("events: a malformed message is dropped", "id", m.ID)
		ack()
		return time.Time{}, false
	}
	if fg, _ := m.Values[fieldForGroup].(string); fg != "" && fg != s.group {
		ack() // a replay meant for another group
		return time.Time{}, false
	}
	if len(s.topics) > 0 && !slices.Contains(s.topics, e.Topic) {
		ack()
		return time.Time{}, false
	}
	done := b.doneKey(s.group, e.Key)
	if n, err := b.rdb.Exists(sctx, done).Result(); err == nil && n > 0 {
		ack() // already handled: a redelivery or a duplicate push
		return time.Time{}, false
	}
	attempt, err := b.attempts(sctx, s.group, m.ID)
	if err != nil {
		log.Error("events: reading the delivery count", "id", m.ID, "err", err)
		return time.Now().Add(b.opts.Backoff), true
	}
	if attempt == 0 {
		return time.Time{}, false // someone acknowledged it meanwhile
	}
	var herr error
	if attempt > events.MaxAttempts {
		// Delivered too often without an answer (consumers crashing on it).
		herr = errors.New("delivered too many times without being handled")
	} else {
		herr = call(ctx, s.h, events.Delivery{Event: e, Group: s.group, Attempt: attempt})
	}
	switch {
	case herr == nil:
		_, err := b.rdb.TxPipelined(sctx, func(p redis.Pipeliner) error {
			p.Set(sctx, done, "1", b.opts.DoneTTL)
			p.XAck(sctx, b.stream, s.group, m.ID)
			return nil
		})
		if err != nil {
			log.Error("events: recording a handled message; it may be delivered again", "id", m.ID, "key", e.Key, "err", err)
		}
		return time.Time{}, false
	case ctx.Err() != nil:
		return time.Time{}, false // stopping: the message stays pending for another consumer
	case attempt >= events.MaxAttempts:
		log.Error("events: giving up; moved to the dead-letter queue", "id", m.ID, "key", e.Key, "topic", e.Topic, "attempts", attempt, "err", herr)
		_, err := b.rdb.TxPipelined(sctx, func(p redis.Pipeliner) error {
			p.XAdd(sctx, &redis.XAddArgs{Stream: b.dlq, Values: []any{
				fieldEvent, raw, fieldGroup, s.group, fieldAttempts, strconv.Itoa(attempt),
				fieldLastError, herr.Error(), fieldFailedAt, time.Now().UTC().Format(time.RFC3339Nano)}})
			p.XAck(sctx, b.stream, s.group, m.ID)
			return nil
		})
		if err != nil {
			log.Error("events: dead-lettering", "id", m.ID, "err", err)
			return time.Now().Add(b.opts.Backoff), true
		}
		return time.Time{}, false
	default:
		next := time.Now().Add(sqlqueue.Backoff(b.opts.Backoff, b.opts.MaxBackoff, attempt))
		log.Warn("events: handler failed; retrying", "id", m.ID, "key", e.Key, "topic", e.Topic, "attempt", attempt, "retry_at", next, "err", herr)
		return next, true
	}
}

// call runs the handler; a panic is a failed attempt, not a dead process.
func call(ctx context.Context, h events.Handler, d events.Delivery) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("handler panicked: %v", r)
		}
	}()
	return events.Handle(ctx, h, d) // in a span that continues the publisher's trace
}

var streamID = regexp.MustCompile(`^[0-9]{1,20}-[0-9]{1,20}$`)

// DeadLetters lists events.dlq, oldest first (limit defaults to 100, at most 1000).
func (b *Bus) DeadLetters(ctx context.Context, limit int) ([]events.DeadLetter, error) {
	if limit <= 0 {
		limit = 100
	}
	limit = min(limit, 1000)
	msgs, err := b.rdb.XRangeN(ctx, b.dlq, "-", "+", int64(limit)).Result()
	if err != nil {
		return nil, mockroom.Wrap("redisstream.DeadLetters", unavailable(err))
	}
	out := make([]events.DeadLetter, 0, len(msgs))
	for _, m := range msgs {
		out = append(out, deadLetter(m))
	}
	return out, nil
}

func deadLetter(m redis.XMessage) events.DeadLetter {
	str := func(k string) string { s, _ := m.Values[k].(string); return s }
	dl := events.DeadLetter{ID: m.ID, Group: str(fieldGroup), LastError: str(fieldLastError)}
	dl.Attempts, _ = strconv.Atoi(str(fieldAttempts))
	dl.FailedAt, _ = time.Parse(time.RFC3339Nano, str(fieldFailedAt))
	_ = json.Unmarshal([]byte(str(fieldEvent)), &dl.Event)
	return dl
}

func unavailable(err error) error {
	e := mockroom.Errorf(mockroom.KindUnavailable, "redis_unavailable", "Redis did not answer")
	e.Err = err
	return e
}

// Replay adds the dead letter's event to the stream again, for its group
// only (attempts start again at 1), and deletes it from events.dlq.
func (b *Bus) Replay(ctx context.Context, deadLetterID string) error {
	const op = "redisstream.Replay"
	if !streamID.MatchString(deadLetterID) {
		return mockroom.Wrap(op, mockroom.NotFound("dead letter"))
	}
	msgs, err := b.rdb.XRange(ctx, b.dlq, deadLetterID, deadLetterID).Result()
	if err != nil {
		return mockroom.Wrap(op, unavailable(err))
	}
	if len(msgs) == 0 {
		return mockroom.Wrap(op, mockroom.NotFound("dead letter"))
	}
	dl := deadLetter(msgs[0])
	raw, _ := msgs[0].Values[fieldEvent].(string)
	_, err = b.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.XAdd(ctx, &redis.XAddArgs{Stream: b.stream, MaxLen: b.opts.MaxLen, Approx: true, Values: []any{fieldEvent, raw, fieldForGroup, dl.Group}})
		p.XDel(ctx, b.dlq, deadLetterID)
		return nil
	})
	if err != nil {
		return mockroom.Wrap(op, unavailable(err))
	}
	return nil
}
