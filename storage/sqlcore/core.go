package sqlcore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/mockroom/mockroom"
)

// Core implements every storage port on top of database/sql. The engines
// build it with their own pools, dialect and scope.
type Core struct {
	D      Dialect
	Reader *sql.DB // read-only transactions
	Writer *sql.DB // read-write transactions (SQLite: a single connection)
	Clock  mockroom.Clock
	// Scope, when set, runs first in every transaction. PostgreSQL uses it to
	// switch a user request to the row-level-security role.
	Scope func(ctx context.Context, tx *sql.Tx) error

	outbox notifier // wakes this process's buses after outbox writes
}

// Tx is a transaction with the dialect's placeholder rewriting applied.
type Tx struct {
	tx *sql.Tx
	d  Dialect
}

func (t *Tx) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(ctx, t.d.Rebind(q), args...)
}

func (t *Tx) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(ctx, t.d.Rebind(q), args...)
}

func (t *Tx) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, t.d.Rebind(q), args...)
}

// Read runs fn in a transaction on the reader pool.
func (c *Core) Read(ctx context.Context, fn func(*Tx) error) error {
	return c.run(ctx, c.Reader, fn)
}

// Write runs fn in a transaction on the writer pool.
func (c *Core) Write(ctx context.Context, fn func(*Tx) error) error {
	return c.run(ctx, c.Writer, fn)
}

func (c *Core) run(ctx context.Context, db *sql.DB, fn func(*Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	if c.Scope != nil {
		if err := c.Scope(ctx, tx); err != nil {
			return err
		}
	}
	if err := fn(&Tx{tx: tx, d: c.D}); err != nil {
		return err
	}
	return tx.Commit()
}

func (c *Core) now() time.Time { return TS(c.Clock.Now()) }

// fail turns err into our error type: errors of our type keep their kind,
// constraint violations become safe conflict/invalid errors, and anything
// else is internal (its text is only ever logged).
func (c *Core) fail(op string, err error) error {
	if err == nil {
		return nil
	}
	if mockroom.AsError(err) != nil {
		return mockroom.Wrap(op, err)
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		e := mockroom.Errorf(mockroom.KindUnavailable, "canceled", "the request was canceled or timed out")
		e.Err = err
		return mockroom.Wrap(op, e)
	}
	class, _ := c.D.Classify(err)
	var e *mockroom.Error
	switch class {
	case ErrUnique:
		e = mockroom.Errorf(mockroom.KindConflict, "conflict", "it already exists")
	case ErrForeignKey:
		e = mockroom.Errorf(mockroom.KindInvalid, "invalid_reference", "it refers to something that does not exist")
	case ErrCheck:
		e = mockroom.Errorf(mockroom.KindInvalid, "invalid_value", "a value is missing or not allowed")
	case ErrDenied:
		e = mockroom.Errorf(mockroom.KindForbidden, "forbidden", "not allowed")
	case ErrUnavailable:
		// 503: a restart or failover of the database, which the pool
		// survives; nothing acknowledged before it is lost.
		e = mockroom.Errorf(mockroom.KindUnavailable, "database_unavailable",
			"the database is unreachable for a moment; everything acknowledged is saved, retry in a few seconds")
	default:
		return mockroom.Wrap(op, err)
	}
	e.Err = err
	return mockroom.Wrap(op, e)
}

// isUnique reports whether err is a unique violation whose constraint or
// message mentions name (e.g. "email").
func (c *Core) isUnique(err error, name string) bool {
	class, detail := c.D.Classify(err)
	return class == ErrUnique && strings.Contains(strings.ToLower(detail), name)
}

// normID lower-cases an identifier; ok is false when it is not a UUID, which
// lookups report as not found (PostgreSQL would otherwise fail on the cast).
func normID(id string) (string, bool) {
	if !mockroom.ValidID(id) {
		return "", false
	}
	return strings.ToLower(id), true
}

// foreign reports whether a signed-in user's request asks for another user's
// rows. Such lookups behave as if the rows did not exist, on both engines
// (PostgreSQL's row-level security would hide them anyway).
func foreign(ctx context.Context, userID string) bool {
	a := mockroom.ActorFrom(ctx)
	return a.Role == mockroom.RoleUser && !strings.EqualFold(a.UserID, userID)
}

// forbidden is what writing another user's rows from a user request gets.
func forbidden() error {
	return mockroom.Errorf(mockroom.KindForbidden, "forbidden", "not allowed")
}

// nullText stores "" as NULL.
func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// clampLimit applies a default and a maximum to a listing's limit.
func clampLimit(limit, def, max int) int {
	if limit <= 0 {
		return def
	}
	if limit > max {
		return max
	}
	return limit
}
