package leader

import (
	"context"
	"hash/fnv"
	"sync"

	"github.com/jackc/pgx/v5"
)

// PostgresLock is a Lock held as a session-level advisory lock on a
// connection of its own: when the leader dies its connection closes and
// PostgreSQL frees the lock at once.
type PostgresLock struct {
	url string
	id  int64

	mu   sync.Mutex
	conn *pgx.Conn
}

var _ Lock = (*PostgresLock)(nil)

// NewPostgresLock returns the advisory lock named name on the database at url.
func NewPostgresLock(url, name string) *PostgresLock {
	h := fnv.New64a()
	h.Write([]byte("mockroom:leader:" + name))
	return &PostgresLock{url: url, id: int64(h.Sum64())}
}

func (l *PostgresLock) Acquire(ctx context.Context) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conn == nil {
		c, err := pgx.Connect(ctx, l.url)
		if err != nil {
			return false, err
		}
		l.conn = c
	}
	// Session advisory locks count re-entries: hold it at most once, so
	// that one Release frees it.
	var ok bool
	if err := l.conn.QueryRow(ctx, `SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()
		AND granted AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = $1) THEN true ELSE pg_try_advisory_lock($1) END`, l.id).Scan(&ok); err != nil {
		l.drop()
		return false, err
	}
	return ok, nil
}

// Keep checks that the connection holding the lock is alive and still
// holds it (a restarted database has forgotten every lock).
func (l *PostgresLock) Keep(ctx context.Context) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conn == nil {
		return false, nil
	}
	var held bool
	err := l.conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()
		AND granted AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = $1)`, l.id).Scan(&held)
	if err != nil {
		l.drop()
		return false, err
	}
	return held, nil
}

func (l *PostgresLock) Release(ctx context.Context) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conn == nil {
		return nil
	}
	_, err := l.conn.Exec(ctx, "SELECT pg_advisory_unlock($1)", l.id)
	if err != nil {
		l.drop()
	}
	return err
}

// drop closes a connection that failed; the lock went with it.
func (l *PostgresLock) drop() {
	l.conn.Close(context.Background())
	l.conn = nil
}

// Close ends the lock's connection.
func (l *PostgresLock) Close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conn != nil {
		l.drop()
	}
}
