// Package events is the durable event bus port. State changes write their
// event into an outbox table in the same database transaction (so an event
// exists if and only if its change happened); a bus then delivers outbox
// events at least once to consumer groups, with retries, backoff and a
// dead-letter queue. Consumers are idempotent by Event.Key.
package events

import (
	"context"
	"encoding/json"
	"time"
)

// Topics (seed section 3).
const (
	SessionStarted = "session.started"
	CodeEdited     = "code.edited"
	CodeExecuted   = "code.executed"
	HintRequested  = "hint.requested"
	SessionEnded   = "session.ended"
	// CodeObserved carries the code observer's finding (interview.Observation)
	// to the interviewer, which may use it at its next signal.
	CodeObserved = "code.observed"
	// PaymentsStripeEvent carries a verified Stripe webhook event (its raw
	// JSON) from the webhook to the payments worker.
	PaymentsStripeEvent = "payments.stripe_event"
)

// Topics lists every topic.
var Topics = []string{SessionStarted, CodeEdited, CodeExecuted, HintRequested, SessionEnded, CodeObserved, PaymentsStripeEvent}

// MaxAttempts is how many times a consumer group tries an event before it
// goes to the dead-letter queue.
const MaxAttempts = 5

// Event is one fact that happened.
type Event struct {
	ID        string          `json:"id"`         // unique per event, assigned at publish
	Topic     string          `json:"topic"`      // one of Topics
	Key       string          `json:"key"`        // idempotency key: the same logical event always has the same key
	SessionID string          `json:"session_id"` // the interview it concerns, if any
	UserID    string          `json:"user_id"`
	Payload   json.RawMessage `json:"payload"`
	CreatedAt time.Time       `json:"created_at"`
	// Trace is the W3C trace context (traceparent, tracestate) of the
	// change that wrote the event, so that its consumers' spans continue
	// that trace (trace.go). Empty when tracing is off.
	Trace map[string]string `json:"trace,omitempty"`
}

// Delivery is an event handed to a consumer.
type Delivery struct {
	Event
	Group   string // the consumer group
	Attempt int    // 1 on first delivery
}

// Handler processes one delivery. A nil error acknowledges it; an error
// schedules a retry with backoff, and after MaxAttempts the event is moved to
// the dead-letter queue.
type Handler func(ctx context.Context, d Delivery) error

// DeadLetter is an event a group gave up on.
type DeadLetter struct {
	ID        string    `json:"id"` // id of the dead letter (for Replay)
	Group     string    `json:"group"`
	Event     Event     `json:"event"`
	Attempts  int       `json:"attempts"`
	LastError string    `json:"last_error"`
	FailedAt  time.Time `json:"failed_at"`
}

// Bus delivers outbox events to consumer groups.
type Bus interface {
	// Publish appends an event that is not tied to a state change (a state
	// change writes its event through the store, in its own transaction).
	// Publishing the same Key twice delivers it once.
	Publish(ctx context.Context, e Event) error
	// Subscribe registers group's handler for topics. Call before Run.
	Subscribe(group string, topics []string, h Handler)
	// Run delivers until ctx ends.
	Run(ctx context.Context) error
	// DeadLetters lists the dead-letter queue, oldest first.
	DeadLetters(ctx context.Context, limit int) ([]DeadLetter, error)
	// Replay re-delivers a dead letter to its group and removes it from the queue.
	Replay(ctx context.Context, deadLetterID string) error
}

// Outbox is the storage side of the bus: the outbox table the state changes
// write into. The storage engines implement it; the bus adapters consume it.
type Outbox interface {
	// PublishEvent appends e to the outbox in a transaction of its own. A
	// Key already in the outbox is a no-op (nil error). An empty Key gets a
	// random one.
	PublishEvent(ctx context.Context, e Event) error
	// OnOutboxWrite calls fn (which must not block) after every committed
	// write to the outbox by this process, so a bus can wake at once instead
	// of waiting for its next poll. cancel removes fn.
	OnOutboxWrite(fn func()) (cancel func())
	// ClaimUnpublished leases up to limit rows not yet relayed (published_at
	// unset and no live lease), oldest first, until now+lease, so that
	// several relays do not push the same row.
	ClaimUnpublished(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]Event, error)
	// MarkPublished records that the events with these ids were relayed.
	MarkPublished(ctx context.Context, ids []string, now time.Time) error
}
