// Package sqlcore is the storage logic shared by the SQLite and PostgreSQL
// engines: one set of queries written with '?' placeholders and a small
// Dialect that covers what differs (placeholders, arrays, JSON, timestamps,
// row locks, error codes). Each engine owns its connections, migrations and
// the per-transaction scope (PostgreSQL switches role for user requests).
package sqlcore

import (
	"strconv"
	"strings"
	"time"
)

// ErrClass is what a driver error means to us, independent of the engine.
type ErrClass uint8

const (
	ErrOther       ErrClass = iota
	ErrUnique               // a UNIQUE or PRIMARY KEY constraint
	ErrForeignKey           // a FOREIGN KEY constraint
	ErrCheck                // a CHECK or NOT NULL constraint, or malformed input such as bad JSON
	ErrDenied               // row-level security or missing privilege refused the statement
	ErrUnavailable          // the database cannot be reached (down, restarting, connection lost)
)

// Dialect covers the differences between the engines.
type Dialect interface {
	// Rebind turns '?' placeholders into the engine's style.
	Rebind(query string) string
	// Time encodes a timestamp argument.
	Time(t time.Time) any
	// Array encodes a text array argument (never NULL: nil becomes empty).
	Array(a []string) any
	// JSON encodes a JSON argument; empty input is SQL NULL.
	JSON(b []byte) any
	// ArrayHasFold is a boolean SQL expression true when the array column col
	// has an element equal, ignoring case, to the one '?' argument, which the
	// caller passes lower-cased.
	ArrayHasFold(col string) string
	// ArrayLikeFold is a boolean SQL expression true when some element of the
	// array column col, lower-cased, matches the one '?' LIKE pattern
	// (escaped with '\').
	ArrayLikeFold(col string) string
	// JSONText is a text SQL expression for the top-level key of the JSON
	// column col (NULL when absent).
	JSONText(col, key string) string
	// Bytewise makes a text expression sort by bytes, so that both engines
	// order listings identically whatever the database's collation.
	Bytewise(expr string) string
	// LockRow is appended to a SELECT that must lock the row it reads until
	// the transaction ends ("" where the transaction already serialises writers).
	LockRow() string
	// SkipLocked is appended to a SELECT that claims queue rows: it locks
	// them and skips rows another transaction holds ("" where writers are
	// already serialised).
	SkipLocked() string
	// Classify reports what a driver error means and names the constraint
	// (or carries the message) so callers can tell constraints apart.
	Classify(err error) (ErrClass, string)
}

// TimeLayout is how SQLite stores timestamps: RFC 3339 in UTC with a fixed
// six-digit fraction, so that text order is time order and the precision is
// PostgreSQL's (microseconds) on both engines.
const TimeLayout = "2006-01-02T15:04:05.000000Z"

// TS normalises a timestamp to what both engines store: UTC, microseconds.
func TS(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// RebindDollar rewrites '?' as $1, $2, ... Queries in this package never put
// '?' inside string literals, so a plain scan is enough.
func RebindDollar(q string) string {
	var b strings.Builder
	b.Grow(len(q) + 8)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}
