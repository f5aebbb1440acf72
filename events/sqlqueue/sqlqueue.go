// Package sqlqueue is the embedded event bus: consumer groups read the
// outbox table of the program's own database (SQLite or PostgreSQL), so a
// single node needs no Redis. Each (group, event) pair gets a delivery row;
// a claim is a lease, so a crashed consumer's claims run out and are
// delivered again; a failed delivery is retried with exponential backoff and
// after events.MaxAttempts becomes a dead letter. See docs/adr/0006-events.md.
package sqlqueue

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/events"
)

// Store is what the queue needs from the database; the storage engines
// implement it (the SQL stays in storage/sqlcore).
type Store interface {
	events.Outbox
	// ClaimDeliveries leases up to limit due deliveries of group (events
	// of topics, or of every topic when empty) until now+lease, counting
	// an attempt for each.
	ClaimDeliveries(ctx context.Context, group string, topics []string, now time.Time, lease time.Duration, limit int) ([]events.Delivery, error)
	// AckDelivery marks the event done for group: never delivered to it again.
	AckDelivery(ctx context.Context, group, eventID string, now time.Time) error
	// RetryDelivery releases the claim of that attempt and makes it due at next.
	RetryDelivery(ctx context.Context, group, eventID string, attempt int, next time.Time, lastErr string) error
	// ReleaseDelivery gives back a claim that was never handled (shutdown):
	// due now, and the attempt does not count.
	ReleaseDelivery(ctx context.Context, group, eventID string, attempt int) error
	// DeadLetterDelivery stops delivering the event to group and records a
	// dead letter.
	DeadLetterDelivery(ctx context.Context, group, eventID string, attempt int, lastErr string, now time.Time) error
	// EventDeadLetters lists dead letters, oldest first.
	EventDeadLetters(ctx context.Context, limit int) ([]events.DeadLetter, error)
	// ReplayDeadLetter removes the dead letter and makes its delivery due
	// again with a fresh count of attempts.
	ReplayDeadLetter(ctx context.Context, id string, now time.Time) error
}

// Options tune the bus; zero values take the defaults.
type Options struct {
	Poll       time.Duration // how often an idle group looks for work (default 150 ms); writes in this process wake it at once
	Lease      time.Duration // how long a claim lasts before another consumer may take it (default 30 s)
	Backoff    time.Duration // wait before the 2nd attempt, doubled for each later one (default 1 s)
	MaxBackoff time.Duration // cap on the wait (default 5 min)
	Batch      int           // deliveries claimed at once (default 32)
	Log        *slog.Logger
	Clock      mockroom.Clock
}

func (o *Options) defaults() {
	if o.Poll <= 0 {
		o.Poll = 150 * time.Millisecond
	}
	if o.Lease <= 0 {
		o.Lease = 30 * time.Second
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
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Clock == nil {
		o.Clock = mockroom.SystemClock{}
	}
}

// Backoff is the wait after a failed attempt (1-based): base·2^(attempt-1),
// at most max. Both adapters use it.
func Backoff(base, max time.Duration, attempt int) time.Duration {
	d := base
	for i := 1; i < attempt && d < max; i++ {
		d *= 2
	}
	return min(d, max)
}

type subscription struct {
	group  string
	topics []string
	h      events.Handler
}

// Bus is the SQL-backed events.Bus.
type Bus struct {
	store Store
	opts  Options

	mu      sync.Mutex
	subs    []subscription
	running bool
}

var _ events.Bus = (*Bus)(nil)

// New returns a bus over store.
func New(store Store, opts Options) *Bus {
	opts.defaults()
	return &Bus{store: store, opts: opts}
}

// Publish appends a standalone event; a Key already published is a no-op.
func (b *Bus) Publish(ctx context.Context, e events.Event) error {
	// The bus is server plumbing, never a candidate's request: on PostgreSQL
	// the outbox tables are out of the row-level-security role's reach.
	ctx = mockroom.AsService(ctx)
	return mockroom.Wrap("sqlqueue.Publish", b.store.PublishEvent(ctx, e))
}

// Subscribe registers group's handler for topics (every topic when empty).
// A group has one handler: subscribing it again replaces the earlier one.
// Subscriptions made after Run started take effect at the next Run.
func (b *Bus) Subscribe(group string, topics []string, h events.Handler) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.running {
		b.opts.Log.Error("events: Subscribe after Run; it takes effect at the next Run", "group", group)
	}
	sub := subscription{group: group, topics: slices.Clone(topics), h: h}
	for i := range b.subs {
		if b.subs[i].group == group {
			b.opts.Log.Warn("events: group subscribed twice; the later handler wins", "group", group)
			b.subs[i] = sub
			return
		}
	}
	b.subs = append(b.subs, sub)
}

// Run delivers to every subscribed group until ctx ends, then returns nil.
func (b *Bus) Run(ctx context.Context) error {
	ctx = mockroom.AsService(ctx) // a background worker over every user's events
	b.mu.Lock()
	subs := slices.Clone(b.subs)
	b.running = true
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		b.running = false
		b.mu.Unlock()
	}()
	var wg sync.WaitGroup
	for _, s := range subs {
		if s.group == "" || s.h == nil {
			b.opts.Log.Error("events: subscription without a group name or handler is ignored", "group", s.group)
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			b.consume(ctx, s)
		}()
	}
	wg.Wait()
	return nil
}

func (b *Bus) consume(ctx context.Context, s subscription) {
	wake := make(chan struct{}, 1)
	cancel := b.store.OnOutboxWrite(func() {
		select {
		case wake <- struct{}{}:
		default:
		}
	})
	defer cancel()
	tick := time.NewTicker(b.opts.Poll)
	defer tick.Stop()
	log := b.opts.Log.With("group", s.group)
	for ctx.Err() == nil {
		ds, err := b.store.ClaimDeliveries(ctx, s.group, s.topics, b.opts.Clock.Now(), b.opts.Lease, b.opts.Batch)
		if err != nil && ctx.Err() == nil {
			log.Error("events: claiming deliveries", "err", err)
		}
		for i, d := range ds {
			if ctx.Err() != nil {
				b.release(ctx, ds[i:])
				return
			}
			b.deliver(ctx, log, s, d)
		}
		if len(ds) > 0 {
			continue // there may be more
		}
		select {
		case <-ctx.Done():
		case <-wake:
		case <-tick.C:
		}
	}
}

// settleCtx outlives a cancelled Run so that finished work is recorded.
func settleCtx(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
}

// release hands back claims that were never handled, so that another
// instance need not wait for the lease to run out.
func (b *Bus) release(ctx context.Context, ds []events.Delivery) {
	sctx, cancel := settleCtx(ctx)
	defer cancel()
	for _, d := range ds {
		if err := b.store.ReleaseDelivery(sctx, d.Group, d.ID, d.Attempt); err != nil {
			b.opts.Log.Warn("events: releasing a claim; it is delivered again when its lease ends", "group", d.Group, "event", d.ID, "err", err)
		}
	}
}

func (b *Bus) deliver(ctx context.Context, log *slog.Logger, s subscription, d events.Delivery) {
	err := call(ctx, s.h, d)
	sctx, cancel := settleCtx(ctx)
	defer cancel()
	now := b.opts.Clock.Now()
	switch {
	case err == nil:
		if err := b.store.AckDelivery(sctx, s.group, d.ID, now); err != nil {
			log.Error("events: acknowledging; the event will be delivered again", "event", d.ID, "key", d.Key, "err", err)
		}
	case ctx.Err() != nil:
		// Stopped mid-delivery: as if never handled.
		b.release(ctx, []events.Delivery{d})
	case d.Attempt >= events.MaxAttempts:
		log.Error("events: giving up; moved to the dead-letter queue", "event", d.ID, "key", d.Key, "topic", d.Topic, "attempts", d.Attempt, "err", err)
		if err := b.store.DeadLetterDelivery(sctx, s.group, d.ID, d.Attempt, err.Error(), now); err != nil {
			log.Error("events: dead-lettering", "event", d.ID, "err", err)
		}
	default:
		next := now.Add(Backoff(b.opts.Backoff, b.opts.MaxBackoff, d.Attempt))
		log.Warn("events: handler failed; retrying", "event", d.ID, "key", d.Key, "topic", d.Topic, "attempt", d.Attempt, "retry_at", next, "err", err)
		if err := b.store.RetryDelivery(sctx, s.group, d.ID, d.Attempt, next, err.Error()); err != nil {
			log.Error("events: scheduling a retry; it is delivered again when its lease ends", "event", d.ID, "err", err)
		}
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

// DeadLetters lists the dead-letter queue, oldest first.
func (b *Bus) DeadLetters(ctx context.Context, limit int) ([]events.DeadLetter, error) {
	ctx = mockroom.AsService(ctx) // the operator's view of every user's failed events
	dl, err := b.store.EventDeadLetters(ctx, limit)
	return dl, mockroom.Wrap("sqlqueue.DeadLetters", err)
}

// Replay re-delivers a dead letter to its group (attempts start again at 1)
// and removes it from the queue.
func (b *Bus) Replay(ctx context.Context, deadLetterID string) error {
	ctx = mockroom.AsService(ctx) // an operator's command on any user's event
	return mockroom.Wrap("sqlqueue.Replay", b.store.ReplayDeadLetter(ctx, deadLetterID, b.opts.Clock.Now()))
}
