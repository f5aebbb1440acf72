package sqlcore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/events"
)

var _ events.Outbox = (*Core)(nil)

// envelope is what events_outbox.payload holds: everything of an Event but
// the columns of its own (id, topic, key, created_at).
type envelope struct {
	SessionID string            `json:"session_id,omitempty"`
	UserID    string            `json:"user_id,omitempty"`
	Payload   json.RawMessage   `json:"payload,omitempty"`
	Trace     map[string]string `json:"trace,omitempty"` // the writer's trace context (events.WithTrace)
}

// notifier fans a signal out to the buses of this process after each
// committed outbox write.
type notifier struct {
	mu   sync.Mutex
	next int
	fns  map[int]func()
}

func (n *notifier) add(fn func()) func() {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.fns == nil {
		n.fns = map[int]func(){}
	}
	id := n.next
	n.next++
	n.fns[id] = fn
	return func() {
		n.mu.Lock()
		defer n.mu.Unlock()
		delete(n.fns, id)
	}
}

func (n *notifier) fire() {
	n.mu.Lock()
	fns := make([]func(), 0, len(n.fns))
	for _, fn := range n.fns {
		fns = append(fns, fn)
	}
	n.mu.Unlock()
	for _, fn := range fns {
		fn()
	}
}

// OnOutboxWrite registers fn to run after every committed outbox write.
func (c *Core) OnOutboxWrite(fn func()) (cancel func()) { return c.outbox.add(fn) }

// writeEvent appends e to the outbox inside tx; a duplicate key is a no-op.
// Empty session and user ids are filled from the arguments (the change the
// event records). The caller fires the notifier after commit.
func (c *Core) writeEvent(ctx context.Context, tx *Tx, e events.Event, sessionID, userID string) error {
	if strings.TrimSpace(e.Topic) == "" {
		return invalid("invalid_event", "an event needs a topic")
	}
	if e.Key == "" {
		e.Key = e.Topic + ":" + mockroom.NewID()
	}
	if e.SessionID == "" {
		e.SessionID = sessionID
	}
	if e.UserID == "" {
		e.UserID = userID
	}
	if mockroom.ValidID(e.UserID) {
		e.UserID = strings.ToLower(e.UserID)
	}
	if mockroom.ValidID(e.SessionID) {
		e.SessionID = strings.ToLower(e.SessionID)
	}
	if e.UserID != "" && foreign(ctx, e.UserID) {
		return forbidden()
	}
	if len(e.Payload) > 0 && !json.Valid(e.Payload) {
		return invalid("invalid_event", "an event's payload must be JSON")
	}
	e = events.WithTrace(ctx, e)
	body, err := json.Marshal(envelope{SessionID: e.SessionID, UserID: e.UserID, Payload: e.Payload, Trace: e.Trace})
	if err != nil {
		return invalid("invalid_event", "an event's payload must be JSON")
	}
	at := e.CreatedAt
	if at.IsZero() {
		at = c.now()
	}
	// No conflict target: naming one needs SELECT on the column, which a
	// user request (PostgreSQL role mockroom_app) must not have.
	_, err = tx.Exec(ctx, `INSERT INTO events_outbox (topic, key, payload, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT DO NOTHING`, e.Topic, e.Key, string(body), c.D.Time(at))
	return err
}

// PublishEvent appends a standalone event (not tied to a state change).
func (c *Core) PublishEvent(ctx context.Context, e events.Event) error {
	const op = "storage.PublishEvent"
	err := c.Write(ctx, func(tx *Tx) error { return c.writeEvent(ctx, tx, e, "", "") })
	if err != nil {
		return c.fail(op, err)
	}
	c.outbox.fire()
	return nil
}

const eventCols = `o.id, o.topic, o.key, o.payload, o.created_at`

type eventRow struct {
	id      int64
	e       events.Event
	payload []byte
}

func (r *eventRow) dest() []any {
	return []any{&r.id, &r.e.Topic, &r.e.Key, bytesCol{&r.payload}, timeCol{&r.e.CreatedAt}}
}

func (r *eventRow) event() (events.Event, error) {
	e := r.e
	e.ID = strconv.FormatInt(r.id, 10)
	var env envelope
	if err := json.Unmarshal(r.payload, &env); err != nil {
		return e, err
	}
	e.SessionID, e.UserID, e.Payload, e.Trace = env.SessionID, env.UserID, env.Payload, env.Trace
	return e, nil
}

// bytesCol scans text or bytes into a fresh byte slice.
type bytesCol struct{ b *[]byte }

func (c bytesCol) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c.b = nil
	case string:
		*c.b = []byte(v)
	case []byte:
		*c.b = append([]byte(nil), v...)
	default:
		return errors.New("sqlcore: cannot scan a non-text column as bytes")
	}
	return nil
}

// eventID parses the id the bus hands back; ok is false for anything that
// is not an outbox id.
func eventIDOf(id string) (int64, bool) {
	n, err := strconv.ParseInt(id, 10, 64)
	return n, err == nil && n > 0
}

// ClaimUnpublished leases rows for the Redis relay.
func (c *Core) ClaimUnpublished(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]events.Event, error) {
	const op = "storage.ClaimUnpublished"
	limit = clampLimit(limit, 100, 1000)
	var out []events.Event
	err := c.Write(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, `SELECT o.id FROM events_outbox o
			WHERE o.published_at IS NULL AND (o.relay_leased_until IS NULL OR o.relay_leased_until <= ?)
			ORDER BY o.id LIMIT ?`+c.D.SkipLocked(), c.D.Time(now), limit)
		if err != nil {
			return err
		}
		ids, err := scanIDs(rows)
		if err != nil || len(ids) == 0 {
			return err
		}
		in, args := inList(ids)
		if _, err := tx.Exec(ctx, `UPDATE events_outbox SET relay_leased_until = ? WHERE id IN `+in,
			append([]any{c.D.Time(now.Add(lease))}, args...)...); err != nil {
			return err
		}
		out, err = c.loadEvents(ctx, tx, `WHERE o.id IN `+in+` ORDER BY o.id`, args...)
		return err
	})
	if err != nil {
		return nil, c.fail(op, err)
	}
	return out, nil
}

// MarkPublished records relayed rows.
func (c *Core) MarkPublished(ctx context.Context, ids []string, now time.Time) error {
	const op = "storage.MarkPublished"
	var nums []int64
	for _, id := range ids {
		if n, ok := eventIDOf(id); ok {
			nums = append(nums, n)
		}
	}
	if len(nums) == 0 {
		return nil
	}
	in, args := inList(nums)
	err := c.Write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, `UPDATE events_outbox SET published_at = ?, relay_leased_until = NULL WHERE id IN `+in,
			append([]any{c.D.Time(now)}, args...)...)
		return err
	})
	return c.fail(op, err)
}

func (c *Core) loadEvents(ctx context.Context, tx *Tx, where string, args ...any) ([]events.Event, error) {
	rows, err := tx.Query(ctx, `SELECT `+eventCols+` FROM events_outbox o `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []events.Event
	for rows.Next() {
		var r eventRow
		if err := rows.Scan(r.dest()...); err != nil {
			return nil, err
		}
		e, err := r.event()
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func scanIDs(rows *sql.Rows) ([]int64, error) {
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// inList is "(?, ?, ...)" with its arguments.
func inList[T any](vals []T) (string, []any) {
	args := make([]any, len(vals))
	for i, v := range vals {
		args[i] = v
	}
	return "(" + strings.TrimSuffix(strings.Repeat("?, ", len(vals)), ", ") + ")", args
}

// ClaimDeliveries leases up to limit of group's due deliveries: events of
// topics (all topics when empty) the group has not finished, whose retry
// time has come and whose previous lease (a crashed consumer's) has run out.
// Each claim counts as an attempt.
func (c *Core) ClaimDeliveries(ctx context.Context, group string, topics []string, now time.Time, lease time.Duration, limit int) ([]events.Delivery, error) {
	const op = "storage.ClaimDeliveries"
	if group == "" {
		return nil, mockroom.Wrap(op, invalid("invalid_group", "a consumer group needs a name"))
	}
	limit = clampLimit(limit, 32, 1000)
	var out []events.Delivery
	err := c.Write(ctx, func(tx *Tx) error {
		// Events the group has never seen get a delivery row. The anti-join
		// (not a cursor) is what makes this safe on PostgreSQL, where ids
		// may commit out of order.
		topicSQL, topicArgs := "", []any{}
		if len(topics) > 0 {
			in, args := inList(topics)
			topicSQL, topicArgs = ` AND o.topic IN `+in, args
		}
		args := append([]any{group, c.D.Time(now)}, topicArgs...)
		args = append(args, group, limit)
		if _, err := tx.Exec(ctx, `INSERT INTO event_deliveries (group_name, event_id, attempts, next_attempt_at)
			SELECT ?, o.id, 0, ? FROM events_outbox o
			WHERE true`+topicSQL+` AND NOT EXISTS (SELECT 1 FROM event_deliveries d WHERE d.group_name = ? AND d.event_id = o.id)
			ORDER BY o.id LIMIT ?
			ON CONFLICT (group_name, event_id) DO NOTHING`, args...); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT d.event_id FROM event_deliveries d
			WHERE d.group_name = ? AND d.done_at IS NULL AND d.dead_at IS NULL AND d.next_attempt_at <= ?
				AND (d.leased_until IS NULL OR d.leased_until <= ?)
			ORDER BY d.event_id LIMIT ?`+c.D.SkipLocked(), group, c.D.Time(now), c.D.Time(now), limit)
		if err != nil {
			return err
		}
		ids, err := scanIDs(rows)
		if err != nil || len(ids) == 0 {
			return err
		}
		in, idArgs := inList(ids)
		if _, err := tx.Exec(ctx, `UPDATE event_deliveries SET attempts = attempts + 1, leased_until = ?
			WHERE group_name = ? AND event_id IN `+in, append([]any{c.D.Time(now.Add(lease)), group}, idArgs...)...); err != nil {
			return err
		}
		rows, err = tx.Query(ctx, `SELECT `+eventCols+`, d.attempts FROM event_deliveries d JOIN events_outbox o ON o.id = d.event_id
			WHERE d.group_name = ? AND d.event_id IN `+in+` ORDER BY d.event_id`, append([]any{group}, idArgs...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r eventRow
			var attempts int
			if err := rows.Scan(append(r.dest(), &attempts)...); err != nil {
				return err
			}
			e, err := r.event()
			if err != nil {
				return err
			}
			out = append(out, events.Delivery{Event: e, Group: group, Attempt: attempts})
		}
		return rows.Err()
	})
	if err != nil {
		return nil, c.fail(op, err)
	}
	return out, nil
}

// AckDelivery marks the group done with the event; it is never delivered to
// the group again.
func (c *Core) AckDelivery(ctx context.Context, group, eventID string, now time.Time) error {
	return c.settle(ctx, "storage.AckDelivery", group, eventID, 0,
		`UPDATE event_deliveries SET done_at = ?, leased_until = NULL, last_error = NULL WHERE group_name = ? AND event_id = ?`,
		c.D.Time(now))
}

// RetryDelivery releases the claim and schedules the next attempt. attempt
// fences it: a consumer whose lease ran out and was re-claimed by another
// changes nothing.
func (c *Core) RetryDelivery(ctx context.Context, group, eventID string, attempt int, next time.Time, lastErr string) error {
	return c.settle(ctx, "storage.RetryDelivery", group, eventID, attempt,
		`UPDATE event_deliveries SET next_attempt_at = ?, leased_until = NULL, last_error = ? WHERE group_name = ? AND event_id = ?`,
		c.D.Time(next), lastErr)
}

// ReleaseDelivery gives back an unhandled claim: due now, and the claim's
// attempt is not counted.
func (c *Core) ReleaseDelivery(ctx context.Context, group, eventID string, attempt int) error {
	return c.settle(ctx, "storage.ReleaseDelivery", group, eventID, max(attempt, 1),
		`UPDATE event_deliveries SET attempts = attempts - 1, leased_until = NULL WHERE group_name = ? AND event_id = ?`)
}

func (c *Core) settle(ctx context.Context, op, group, eventID string, attempt int, q string, args ...any) error {
	id, ok := eventIDOf(eventID)
	if !ok {
		return mockroom.Wrap(op, mockroom.NotFound("delivery"))
	}
	args = append(args, group, id)
	if attempt > 0 {
		q += ` AND attempts = ?`
		args = append(args, attempt)
	}
	err := c.Write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, q, args...)
		return err
	})
	return c.fail(op, err)
}

// DeadLetterDelivery gives up on the event for group: the delivery stops and
// a dead letter records why (fenced by attempt like RetryDelivery).
func (c *Core) DeadLetterDelivery(ctx context.Context, group, eventID string, attempt int, lastErr string, now time.Time) error {
	const op = "storage.DeadLetterDelivery"
	id, ok := eventIDOf(eventID)
	if !ok {
		return mockroom.Wrap(op, mockroom.NotFound("delivery"))
	}
	err := c.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, `UPDATE event_deliveries SET dead_at = ?, leased_until = NULL, last_error = ?
			WHERE group_name = ? AND event_id = ? AND attempts = ? AND dead_at IS NULL AND done_at IS NULL`,
			c.D.Time(now), lastErr, group, id, attempt)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO event_dead_letters (id, group_name, event_id, attempts, last_error, failed_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (group_name, event_id) DO NOTHING`,
			mockroom.NewID(), group, id, attempt, lastErr, c.D.Time(now))
		return err
	})
	return c.fail(op, err)
}

// EventDeadLetters lists dead letters, oldest first; limit defaults to 100
// and is capped at 1000.
func (c *Core) EventDeadLetters(ctx context.Context, limit int) ([]events.DeadLetter, error) {
	const op = "storage.EventDeadLetters"
	limit = clampLimit(limit, 100, 1000)
	out := []events.DeadLetter{}
	err := c.Read(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, `SELECT x.id, x.group_name, x.attempts, x.last_error, x.failed_at, `+eventCols+`
			FROM event_dead_letters x JOIN events_outbox o ON o.id = x.event_id
			ORDER BY x.failed_at, x.id LIMIT ?`, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var dl events.DeadLetter
			var r eventRow
			if err := rows.Scan(append([]any{&dl.ID, &dl.Group, &dl.Attempts, &dl.LastError, timeCol{&dl.FailedAt}}, r.dest()...)...); err != nil {
				return err
			}
			if dl.Event, err = r.event(); err != nil {
				return err
			}
			out = append(out, dl)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, c.fail(op, err)
	}
	return out, nil
}

// ReplayDeadLetter removes the dead letter and makes its delivery due again
// with a fresh count of attempts.
func (c *Core) ReplayDeadLetter(ctx context.Context, id string, now time.Time) error {
	const op = "storage.ReplayDeadLetter"
	dlID, ok := normID(id)
	if !ok {
		return mockroom.Wrap(op, mockroom.NotFound("dead letter"))
	}
	err := c.Write(ctx, func(tx *Tx) error {
		var group string
		var eid int64
		err := tx.QueryRow(ctx, `SELECT group_name, event_id FROM event_dead_letters WHERE id = ?`, dlID).Scan(&group, &eid)
		if errors.Is(err, sql.ErrNoRows) {
			return mockroom.NotFound("dead letter")
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM event_dead_letters WHERE id = ?`, dlID); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE event_deliveries SET attempts = 0, next_attempt_at = ?, leased_until = NULL, dead_at = NULL, done_at = NULL
			WHERE group_name = ? AND event_id = ?`, c.D.Time(now), group, eid)
		return err
	})
	if err != nil {
		return c.fail(op, err)
	}
	c.outbox.fire()
	return nil
}
