// Package postgres is the production storage engine: PostgreSQL through pgx
// (database/sql with the pgx stdlib driver), with row-level security as a
// second wall behind the Go code's owner filters.
package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/account"
	"github.com/mockroom/mockroom/billing"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/problem"
	"github.com/mockroom/mockroom/storage/sqlcore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// AppRole is the role a user request runs as. The migrations create it.
const AppRole = "mockroom_app"

// DB implements every storage port on PostgreSQL.
type DB struct {
	*sqlcore.Core
	pool *sql.DB
}

var (
	_ account.Store   = (*DB)(nil)
	_ billing.Ledger  = (*DB)(nil)
	_ problem.Store   = (*DB)(nil)
	_ interview.Store = (*DB)(nil)
)

func badURL(err error) error {
	// pgx's parse errors do not echo the password, but ours stays generic
	// anyway; the cause is kept for the logs.
	e := mockroom.Errorf(mockroom.KindInvalid, "invalid_config",
		"DATABASE_URL is not a valid PostgreSQL URL; expected postgres://user:password@host:5432/dbname?sslmode=...")
	e.Err = err
	return e
}

// DefaultPoolSize is how many connections an instance opens at most,
// unless DATABASE_URL says otherwise with pool_max_conns (pgxpool's name).
const DefaultPoolSize = 20

// poolSize takes pool_max_conns out of the URL (PostgreSQL would refuse it
// as an unknown run-time parameter) and returns the size it asks for.
func poolSize(databaseURL string) (string, int, error) {
	u, err := url.Parse(databaseURL)
	if err != nil || !u.Query().Has("pool_max_conns") {
		return databaseURL, DefaultPoolSize, nil // the key/value form, or no size: pgx parses the rest
	}
	q := u.Query()
	n, err := strconv.Atoi(q.Get("pool_max_conns"))
	if err != nil || n < 2 || n > 1000 {
		e := mockroom.Errorf(mockroom.KindInvalid, "invalid_config", "DATABASE_URL's pool_max_conns must be a whole number from 2 to 1000")
		e.Err = err
		return "", 0, e
	}
	q.Del("pool_max_conns")
	u.RawQuery = q.Encode()
	return u.String(), n, nil
}

func connect(ctx context.Context, databaseURL string) (*sql.DB, error) {
	databaseURL, size, err := poolSize(databaseURL)
	if err != nil {
		return nil, err
	}
	cfg, err := pgx.ParseConfig(databaseURL)
	if err != nil {
		return nil, badURL(err)
	}
	db := stdlib.OpenDB(*cfg)
	// Idle connections are kept up to the cap: a smaller idle limit closes
	// connections after every burst and opens them again in the next one
	// (a new backend process each), which under load costs more than the
	// queries.
	db.SetMaxOpenConns(size)
	db.SetMaxIdleConns(size)
	db.SetConnMaxIdleTime(5 * time.Minute)
	db.SetConnMaxLifetime(time.Hour)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		e := mockroom.Errorf(mockroom.KindUnavailable, "database_unavailable", "cannot connect to the database at DATABASE_URL")
		e.Err = err
		return nil, e
	}
	return db, nil
}

// Open connects to databaseURL, applies the migrations and returns the store.
// The URL may carry search_path (e.g. ?search_path=myschema) to use a schema
// other than public; tests use that to get a fresh schema each.
func Open(ctx context.Context, databaseURL string, clock mockroom.Clock) (*DB, error) {
	const op = "postgres.Open"
	if clock == nil {
		clock = mockroom.SystemClock{}
	}
	pool, err := connect(ctx, databaseURL)
	if err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	if err := migrate(ctx, pool); err != nil {
		pool.Close()
		return nil, mockroom.Wrap(op, err)
	}
	return &DB{
		Core: &sqlcore.Core{D: dialect{}, Reader: pool, Writer: pool, Clock: clock, Scope: scope},
		pool: pool,
	}, nil
}

// Migrate applies the migrations to databaseURL and returns; `mockroom
// migrate` calls it (Open migrates too). Concurrent callers are serialised
// by an advisory lock, so several instances may start at once.
func Migrate(ctx context.Context, databaseURL string) error {
	const op = "postgres.Migrate"
	pool, err := connect(ctx, databaseURL)
	if err != nil {
		return mockroom.Wrap(op, err)
	}
	defer pool.Close()
	return mockroom.Wrap(op, migrate(ctx, pool))
}

func provider(db *sql.DB, locked bool) (*goose.Provider, error) {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	opts := []goose.ProviderOption{goose.WithDisableGlobalRegistry(true)}
	if locked {
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	return goose.NewProvider(goose.DialectPostgres, db, sub, opts...)
}

func migrate(ctx context.Context, db *sql.DB) error {
	p, err := provider(db, true)
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("applying migrations: %w", err)
	}
	return nil
}

// scope confines every transaction but the service path's: the role switch
// makes the policies apply (the owner bypasses them) and the setting tells
// the policies who the user is. An anonymous context (no actor, or not
// signed in) runs as the same role with no user id, so a code path that
// forgets a filter sees no private row; code that must look past the
// policies says so with mockroom.AsService. Both are transaction-local, so a
// pooled connection carries nothing into the next request.
func scope(ctx context.Context, tx *sql.Tx) error {
	a := mockroom.ActorFrom(ctx)
	if a.Role == mockroom.RoleService {
		return nil
	}
	// Anonymous, or a user id that is not one: no id, so the policies match
	// no private row.
	uid := ""
	if a.Role == mockroom.RoleUser && mockroom.ValidID(a.UserID) {
		uid = strings.ToLower(a.UserID)
	}
	if _, err := tx.ExecContext(ctx, "SET LOCAL ROLE "+AppRole); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "SELECT set_config('mockroom.user_id', $1, true)", uid)
	return err
}

// Close closes the pool.
func (db *DB) Close() error { return db.pool.Close() }

// Ping checks the server answers.
func (db *DB) Ping(ctx context.Context) error {
	return mockroom.Wrap("postgres.Ping", db.pool.PingContext(ctx))
}

// MigrationsApplied reports whether the schema is at the latest migration.
func (db *DB) MigrationsApplied(ctx context.Context) (bool, error) {
	p, err := provider(db.pool, false)
	if err != nil {
		return false, mockroom.Wrap("postgres.MigrationsApplied", err)
	}
	pending, err := p.HasPending(ctx)
	if err != nil {
		return false, mockroom.Wrap("postgres.MigrationsApplied", err)
	}
	return !pending, nil
}

type dialect struct{}

func (dialect) Rebind(q string) string { return sqlcore.RebindDollar(q) }

func (dialect) Time(t time.Time) any { return sqlcore.TS(t) }

func (dialect) Array(a []string) any {
	if a == nil {
		return []string{}
	}
	return a
}

func (dialect) JSON(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	return string(b)
}

func (dialect) ArrayHasFold(col string) string {
	return `EXISTS (SELECT 1 FROM unnest(` + col + `) AS e(v) WHERE lower(e.v) = ?)`
}

// ArrayLikeFold matches a LIKE pattern against each element, lower-cased.
func (dialect) ArrayLikeFold(col string) string {
	return `EXISTS (SELECT 1 FROM unnest(` + col + `) AS e(v) WHERE lower(e.v) LIKE ? ESCAPE '\')`
}

// JSONText reads a top-level key as text; key is a constant of ours, never input.
func (dialect) JSONText(col, key string) string { return `(` + col + ` ->> '` + key + `')` }

func (dialect) Bytewise(expr string) string { return expr + ` COLLATE "C"` }

// LockRow locks the profile row so concurrent ledger writes for one user
// queue behind each other.
func (dialect) LockRow() string { return " FOR UPDATE" }

// SkipLocked lets several bus instances claim queue rows at once, each
// taking rows the others are not holding.
func (dialect) SkipLocked() string { return " FOR UPDATE SKIP LOCKED" }

func (dialect) Classify(err error) (sqlcore.ErrClass, string) {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		if unreachable(err) {
			return sqlcore.ErrUnavailable, ""
		}
		return sqlcore.ErrOther, ""
	}
	// Class 08 (connection exception) and the server shutting down,
	// crashing or still starting (57P01-57P03).
	if strings.HasPrefix(pe.Code, "08") || pe.Code == "57P01" || pe.Code == "57P02" || pe.Code == "57P03" {
		return sqlcore.ErrUnavailable, pe.Message
	}
	detail := pe.ConstraintName + " " + pe.TableName + " " + pe.Message
	switch pe.Code {
	case "23505":
		return sqlcore.ErrUnique, detail
	case "23503":
		return sqlcore.ErrForeignKey, detail
	case "23514", "23502", "22P02", "22007", "22008", "22023", "22003", "22001":
		return sqlcore.ErrCheck, detail
	case "42501":
		return sqlcore.ErrDenied, detail
	}
	return sqlcore.ErrOther, detail
}

// unreachable reports whether err says the server could not be reached or
// the connection died, rather than that a statement failed.
func unreachable(err error) bool {
	var ce *pgconn.ConnectError
	var ne net.Error
	switch {
	case errors.As(err, &ce), errors.As(err, &ne), errors.Is(err, driver.ErrBadConn),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET):
		return true
	}
	return pgconn.SafeToRetry(err) || strings.Contains(err.Error(), "conn closed")
}

// AdvisoryLock serialises writers on key until the transaction ends (the
// audit chain's appends).
func (dialect) AdvisoryLock(key int64) string {
	return fmt.Sprintf("SELECT pg_advisory_xact_lock(%d)", key)
}

// ColumnsQuery lists (table, column) of every table in the schema in use,
// from the catalog.
func (dialect) ColumnsQuery() string {
	return `SELECT c.table_name, c.column_name FROM information_schema.columns c
		JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
		WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
		ORDER BY c.table_name, c.ordinal_position`
}
