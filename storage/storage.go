// Package storage picks the storage engine from configuration. Both engines
// implement the same ports (account.Store, billing.Ledger, problem.Store,
// interview.Store, and the event bus's sqlqueue.Store) on a shared SQL core and pass one conformance suite
// (storage/storagetest). See docs/adr/0002-storage.md.
package storage

import (
	"context"
	"net/url"
	"strings"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/account"
	"github.com/mockroom/mockroom/admin"
	"github.com/mockroom/mockroom/billing"
	"github.com/mockroom/mockroom/evaluation"
	"github.com/mockroom/mockroom/events/sqlqueue"
	"github.com/mockroom/mockroom/governance"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/problem"
	"github.com/mockroom/mockroom/storage/postgres"
	"github.com/mockroom/mockroom/storage/sqlite"
	"github.com/mockroom/mockroom/voice"
)

// DB is everything the rest of the program needs from storage.
type DB interface {
	account.Store
	billing.Ledger
	billing.PaymentStore
	problem.Store
	interview.Store
	evaluation.UsageStore
	voice.UsageStore
	Auditor
	governance.Store
	admin.Store
	// The outbox and the embedded queue's tables (events.Outbox is part
	// of it), for the event bus.
	sqlqueue.Store

	// Ping reports whether the database answers (for /readyz).
	Ping(ctx context.Context) error
	// MigrationsApplied reports whether the schema is at the latest
	// migration (for /readyz).
	MigrationsApplied(ctx context.Context) (bool, error)
	Close() error
}

var (
	_ DB = (*sqlite.DB)(nil)
	_ DB = (*postgres.DB)(nil)
)

// Open returns the PostgreSQL store when databaseURL is a postgres:// or
// postgresql:// URL and the SQLite store in dataDir when it is empty.
// Either way the migrations are applied first.
func Open(ctx context.Context, databaseURL, dataDir string, clock mockroom.Clock) (DB, error) {
	engine, err := engineOf(databaseURL)
	if err != nil {
		return nil, mockroom.Wrap("storage.Open", err)
	}
	if engine == "sqlite" {
		db, err := sqlite.Open(ctx, dataDir, clock)
		if err != nil {
			return nil, err
		}
		return db, nil
	}
	db, err := postgres.Open(ctx, databaseURL, clock)
	if err != nil {
		return nil, err
	}
	return db, nil
}

// Migrate applies the migrations without opening a store, for
// `mockroom migrate`; the engine is chosen as in Open.
func Migrate(ctx context.Context, databaseURL, dataDir string) error {
	engine, err := engineOf(databaseURL)
	if err != nil {
		return mockroom.Wrap("storage.Migrate", err)
	}
	if engine == "sqlite" {
		return sqlite.Migrate(ctx, dataDir)
	}
	return postgres.Migrate(ctx, databaseURL)
}

// Engine names the engine a DATABASE_URL selects: "sqlite" or "postgres".
func Engine(databaseURL string) (string, error) { return engineOf(databaseURL) }

func engineOf(databaseURL string) (string, error) {
	s := strings.TrimSpace(databaseURL)
	if s == "" {
		return "sqlite", nil
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		// The URL is not echoed: it may hold a password.
		return "", mockroom.Errorf(mockroom.KindInvalid, "invalid_config",
			"DATABASE_URL is not a URL; use postgres://user:password@host:5432/dbname, or leave it empty for SQLite")
	}
	switch strings.ToLower(u.Scheme) {
	case "postgres", "postgresql":
		return "postgres", nil
	}
	return "", mockroom.Errorf(mockroom.KindInvalid, "invalid_config",
		"DATABASE_URL has the unsupported scheme %q; use postgres:// or postgresql://, or leave it empty for SQLite", u.Scheme)
}
