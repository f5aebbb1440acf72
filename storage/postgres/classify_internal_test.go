package postgres

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/mockroom/mockroom/storage/sqlcore"
)

// TestClassifyUnavailable: a database that is down or restarting is told
// apart from a failed statement, so the API answers 503, not 500.
func TestClassifyUnavailable(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want sqlcore.ErrClass
	}{
		{"connection refused", &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}, sqlcore.ErrUnavailable},
		{"reset mid-query", fmt.Errorf("read: %w", syscall.ECONNRESET), sqlcore.ErrUnavailable},
		{"bad connection", driver.ErrBadConn, sqlcore.ErrUnavailable},
		{"unexpected EOF", fmt.Errorf("receive message: %w", io.ErrUnexpectedEOF), sqlcore.ErrUnavailable},
		{"admin shutdown", &pgconn.PgError{Code: "57P01"}, sqlcore.ErrUnavailable},
		{"starting up", &pgconn.PgError{Code: "57P03"}, sqlcore.ErrUnavailable},
		{"connection failure", &pgconn.PgError{Code: "08006"}, sqlcore.ErrUnavailable},
		{"unique violation", &pgconn.PgError{Code: "23505"}, sqlcore.ErrUnique},
		{"syntax error", &pgconn.PgError{Code: "42601"}, sqlcore.ErrOther},
		{"other", errors.New("boom"), sqlcore.ErrOther},
	} {
		if got, _ := (dialect{}).Classify(tc.err); got != tc.want {
			t.Errorf("%s: class %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestPoolSize(t *testing.T) {
	for _, tc := range []struct {
		in, out string
		size    int
		bad     bool
	}{
		{"postgres://u@h:5432/db?sslmode=disable", "postgres://u@h:5432/db?sslmode=disable", DefaultPoolSize, false},
		{"postgres://u@h:5432/db?sslmode=disable&pool_max_conns=60", "postgres://u@h:5432/db?sslmode=disable", 60, false},
		{"postgres://u@h/db?pool_max_conns=1", "", 0, true},
		{"postgres://u@h/db?pool_max_conns=lots", "", 0, true},
		{"host=h user=u dbname=db", "host=h user=u dbname=db", DefaultPoolSize, false},
	} {
		out, n, err := poolSize(tc.in)
		if (err != nil) != tc.bad || (!tc.bad && (out != tc.out || n != tc.size)) {
			t.Errorf("poolSize(%q) = %q, %d, %v", tc.in, out, n, err)
		}
	}
}
