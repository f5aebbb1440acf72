package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/events/redisstream"
	"github.com/mockroom/mockroom/events/sqlqueue"
	"github.com/mockroom/mockroom/storage"
)

const eventsUsage = `Usage:
  mockroom events dlq [--limit N] [--data DIR]   list the dead-letter queue (JSON lines)
  mockroom events replay [--data DIR] ID         deliver a dead letter again and remove it

The bus is Redis Streams when REDIS_URL is set, else the database's own queue
(DATABASE_URL, or SQLite in DATA_DIR).
`

// newBus picks the event bus: Redis Streams when redisURL is set, the
// embedded SQL queue over db otherwise. closeBus releases what it opened
// (the Redis client); call it after Run has returned.
func newBus(ctx context.Context, redisURL string, db storage.DB, log *slog.Logger) (bus events.Bus, closeBus func() error, err error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	redisURL = strings.TrimSpace(redisURL)
	if redisURL == "" {
		return sqlqueue.New(db, sqlqueue.Options{Log: log}), func() error { return nil }, nil
	}
	rdb, err := openRedis(ctx, redisURL)
	var ce *configError
	if errors.As(err, &ce) {
		e := mockroom.Errorf(mockroom.KindInvalid, "invalid_config", "REDIS_URL %s", ce.msg)
		e.Err = err
		return nil, nil, e
	}
	if err != nil {
		return nil, nil, err
	}
	return redisstream.New(rdb, db, redisstream.Options{Log: log}), rdb.Close, nil
}

// runEvents is `mockroom events ...`: the operator's view of the dead-letter queue.
func runEvents(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stderr, eventsUsage)
		return errUsage
	}
	sub, rest := args[0], args[1:]
	fs := flag.NewFlagSet("events "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data directory for SQLite (env DATA_DIR, default ./data)")
	limit := 0
	if sub == "dlq" {
		fs.IntVar(&limit, "limit", 100, "how many dead letters to list (at most 1000)")
	}
	if sub != "dlq" && sub != "replay" {
		fmt.Fprintf(stderr, "mockroom events: unknown command %q\n\n%s", sub, eventsUsage)
		return errUsage
	}
	if err := fs.Parse(rest); err != nil {
		return errUsage
	}
	switch {
	case sub == "dlq" && fs.NArg() != 0:
		fmt.Fprintf(stderr, "mockroom events dlq takes no arguments\n\n%s", eventsUsage)
		return errUsage
	case sub == "replay" && fs.NArg() != 1:
		fmt.Fprintf(stderr, "mockroom events replay takes one dead-letter ID\n\n%s", eventsUsage)
		return errUsage
	case limit < 0:
		return fmt.Errorf("--limit must be positive")
	}

	env := func(k string) string { return strings.TrimSpace(getenv(k)) }
	db, err := storage.Open(ctx, env("DATABASE_URL"), firstNonEmpty(*data, env("DATA_DIR"), "./data"), mockroom.SystemClock{})
	if err != nil {
		return err
	}
	defer db.Close()
	bus, closeBus, err := newBus(ctx, env("REDIS_URL"), db, nil)
	if err != nil {
		return err
	}
	defer closeBus()

	if sub == "replay" {
		id := fs.Arg(0)
		if err := bus.Replay(ctx, id); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "replayed %s\n", id)
		return nil
	}
	dls, err := bus.DeadLetters(ctx, limit)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	for _, dl := range dls {
		if err := enc.Encode(dl); err != nil {
			return err
		}
	}
	return nil
}
