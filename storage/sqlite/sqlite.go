// Package sqlite is the embedded storage engine: one file, no server, the
// pure-Go modernc.org/sqlite driver in WAL mode. Writes go through a single
// connection (BEGIN IMMEDIATE), reads through a pool of read-only ones.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/pressly/goose/v3"
	sqlite3 "modernc.org/sqlite"
	sqlite3lib "modernc.org/sqlite/lib"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/account"
	"github.com/mockroom/mockroom/billing"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/problem"
	"github.com/mockroom/mockroom/storage/sqlcore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// FileName is the database file inside the data directory.
const FileName = "mockroom.db"

// DB implements every storage port on one SQLite file.
type DB struct {
	*sqlcore.Core
	path string
}

var (
	_ account.Store   = (*DB)(nil)
	_ billing.Ledger  = (*DB)(nil)
	_ problem.Store   = (*DB)(nil)
	_ interview.Store = (*DB)(nil)
)

// dsn builds the connection string. busy_timeout comes first (the driver
// applies it before any other pragma) so that switching to WAL waits for a
// lock instead of failing; foreign keys are off by default in SQLite.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Set("_txlock", "immediate")
	}
	// The path is percent-encoded because SQLite reads the name as a URI.
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

func dbPath(dataDir string) (string, error) {
	if strings.TrimSpace(dataDir) == "" {
		return "", mockroom.Errorf(mockroom.KindInvalid, "invalid_config", "DATA_DIR is empty; SQLite needs a directory for %s", FileName)
	}
	abs, err := filepath.Abs(dataDir)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		e := mockroom.Errorf(mockroom.KindUnavailable, "data_dir", "cannot create the data directory DATA_DIR")
		e.Err = err
		return "", e
	}
	return filepath.Join(abs, FileName), nil
}

// Open opens (creating it if needed) dataDir/mockroom.db and applies the
// migrations.
func Open(ctx context.Context, dataDir string, clock mockroom.Clock) (*DB, error) {
	const op = "sqlite.Open"
	if clock == nil {
		clock = mockroom.SystemClock{}
	}
	path, err := dbPath(dataDir)
	if err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	if err := migrate(ctx, path); err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	writer, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, mockroom.Wrap(op, err)
	}
	// One writer: SQLite allows a single writer anyway, and queueing in Go
	// is cheaper than spinning on SQLITE_BUSY.
	writer.SetMaxOpenConns(1)
	writer.SetConnMaxIdleTime(0)
	reader, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		writer.Close()
		return nil, mockroom.Wrap(op, err)
	}
	n := max(4, runtime.NumCPU())
	reader.SetMaxOpenConns(n)
	reader.SetMaxIdleConns(n)
	db := &DB{Core: &sqlcore.Core{D: dialect{}, Reader: reader, Writer: writer, Clock: clock}, path: path}
	if err := db.Ping(ctx); err != nil {
		db.Close()
		return nil, mockroom.Wrap(op, err)
	}
	return db, nil
}

// Migrate applies the migrations to dataDir/mockroom.db without opening the
// store; `mockroom migrate` calls it (Open migrates too).
func Migrate(ctx context.Context, dataDir string) error {
	path, err := dbPath(dataDir)
	if err != nil {
		return mockroom.Wrap("sqlite.Migrate", err)
	}
	return mockroom.Wrap("sqlite.Migrate", migrate(ctx, path))
}

func provider(db *sql.DB) (*goose.Provider, error) {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(goose.DialectSQLite3, db, sub, goose.WithDisableGlobalRegistry(true))
}

func migrate(ctx context.Context, path string) error {
	// A short-lived handle of its own so goose never waits on the writer.
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return err
	}
	defer db.Close()
	p, err := provider(db)
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("applying migrations: %w", err)
	}
	return nil
}

// Close closes both pools.
func (db *DB) Close() error {
	return errors.Join(db.Writer.Close(), db.Reader.Close())
}

// Ping checks both pools can reach the file.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.Writer.PingContext(ctx); err != nil {
		return mockroom.Wrap("sqlite.Ping", err)
	}
	return mockroom.Wrap("sqlite.Ping", db.Reader.PingContext(ctx))
}

// MigrationsApplied reports whether the file is at the latest migration.
func (db *DB) MigrationsApplied(ctx context.Context) (bool, error) {
	p, err := provider(db.Reader)
	if err != nil {
		return false, mockroom.Wrap("sqlite.MigrationsApplied", err)
	}
	pending, err := p.HasPending(ctx)
	if err != nil {
		return false, mockroom.Wrap("sqlite.MigrationsApplied", err)
	}
	return !pending, nil
}

// Path is the database file, for operators and backups.
func (db *DB) Path() string { return db.path }

type dialect struct{}

func (dialect) Rebind(q string) string { return q }

func (dialect) Time(t time.Time) any { return sqlcore.TS(t).Format(sqlcore.TimeLayout) }

func (dialect) Array(a []string) any {
	if a == nil {
		return "[]"
	}
	b, _ := json.Marshal(a) // a []string always marshals
	return string(b)
}

func (dialect) JSON(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	return string(b)
}

func (dialect) ArrayHasFold(col string) string {
	return `EXISTS (SELECT 1 FROM json_each(` + col + `) WHERE lower(json_each.value) = ?)`
}

// ArrayLikeFold matches a LIKE pattern against each element, lower-cased.
func (dialect) ArrayLikeFold(col string) string {
	return `EXISTS (SELECT 1 FROM json_each(` + col + `) WHERE lower(json_each.value) LIKE ? ESCAPE '\')`
}

// JSONText reads a top-level key as text; key is a constant of ours, never input.
func (dialect) JSONText(col, key string) string { return `json_extract(` + col + `, '$.` + key + `')` }

// Bytewise is the identity: SQLite's default collation is BINARY.
func (dialect) Bytewise(expr string) string { return expr }

// LockRow is empty: the single writer connection with BEGIN IMMEDIATE
// already serialises every write transaction.
func (dialect) LockRow() string { return "" }

// SkipLocked is empty for the same reason.
func (dialect) SkipLocked() string { return "" }

func (dialect) Classify(err error) (sqlcore.ErrClass, string) {
	var se *sqlite3.Error
	if !errors.As(err, &se) {
		return sqlcore.ErrOther, ""
	}
	msg := se.Error()
	switch se.Code() {
	case sqlite3lib.SQLITE_CONSTRAINT_UNIQUE, sqlite3lib.SQLITE_CONSTRAINT_PRIMARYKEY:
		return sqlcore.ErrUnique, msg
	case sqlite3lib.SQLITE_CONSTRAINT_FOREIGNKEY:
		return sqlcore.ErrForeignKey, msg
	case sqlite3lib.SQLITE_CONSTRAINT_CHECK, sqlite3lib.SQLITE_CONSTRAINT_NOTNULL:
		return sqlcore.ErrCheck, msg
	}
	return sqlcore.ErrOther, msg
}

// ColumnsQuery lists (table, column) of every table, from the catalog.
func (dialect) ColumnsQuery() string {
	return `SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid`
}
