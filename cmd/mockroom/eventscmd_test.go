package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/events"
	"github.com/mockroom/mockroom/storage/sqlite"
)

// deadLetter puts one dead letter for group "g" into the SQLite store in dir.
func deadLetter(t *testing.T, dir string) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.PublishEvent(ctx, events.Event{Topic: events.SessionEnded, Key: "poison"}); err != nil {
		t.Fatal(err)
	}
	ds, err := db.ClaimDeliveries(ctx, "g", nil, time.Now(), time.Minute, 10)
	if err != nil || len(ds) != 1 {
		t.Fatalf("claim: %d, %v", len(ds), err)
	}
	if err := db.DeadLetterDelivery(ctx, "g", ds[0].ID, ds[0].Attempt, "boom", time.Now()); err != nil {
		t.Fatal(err)
	}
}

func TestEventsDLQAndReplay(t *testing.T) {
	dir := t.TempDir()
	deadLetter(t, dir)
	env := envOf(map[string]string{"DATA_DIR": dir})
	ctx := context.Background()

	var out, errOut bytes.Buffer
	if err := runEvents(ctx, []string{"dlq", "--limit", "10"}, env, &out, &errOut); err != nil {
		t.Fatalf("dlq: %v (%s)", err, errOut.String())
	}
	var dl events.DeadLetter
	if err := json.Unmarshal(out.Bytes(), &dl); err != nil || dl.Group != "g" || dl.Event.Key != "poison" || dl.LastError != "boom" || dl.ID == "" {
		t.Fatalf("dlq printed %q (%v)", out.String(), err)
	}

	out.Reset()
	if err := runEvents(ctx, []string{"replay", dl.ID}, env, &out, &errOut); err != nil || !strings.Contains(out.String(), "replayed "+dl.ID) {
		t.Fatalf("replay: %v, %q", err, out.String())
	}
	out.Reset()
	if err := runEvents(ctx, []string{"dlq"}, env, &out, &errOut); err != nil || out.Len() != 0 {
		t.Fatalf("dlq after replay: %v, %q", err, out.String())
	}
	if err := runEvents(ctx, []string{"replay", dl.ID}, env, &out, &errOut); !mockroom.IsKind(err, mockroom.KindNotFound) {
		t.Fatalf("replaying twice: %v, want not found", err)
	}
}

func TestEventsUsageAndConfigErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, args := range [][]string{nil, {"nope"}, {"replay"}, {"replay", "a", "b"}, {"dlq", "extra"}, {"dlq", "--limit", "x"}} {
		var out, errOut bytes.Buffer
		if err := runEvents(ctx, args, envOf(map[string]string{"DATA_DIR": dir}), &out, &errOut); !errors.Is(err, errUsage) || errOut.Len() == 0 {
			t.Errorf("events %q: %v, stderr %q", args, err, errOut.String())
		}
	}
	for _, url := range []string{"http://user:secret@host", "redis://:secret@%zz"} {
		var out, errOut bytes.Buffer
		err := runEvents(ctx, []string{"dlq"}, envOf(map[string]string{"DATA_DIR": dir, "REDIS_URL": url}), &out, &errOut)
		e := mockroom.AsError(err)
		if e == nil || e.Kind != mockroom.KindInvalid || !strings.Contains(e.Message, "REDIS_URL") || strings.Contains(e.Message, "secret") {
			t.Errorf("REDIS_URL=%q: %v", url, err)
		}
	}
	// Nothing listens on port 1.
	err := runEvents(ctx, []string{"dlq"}, envOf(map[string]string{"DATA_DIR": dir, "REDIS_URL": "redis://:secret@127.0.0.1:1/0"}), &bytes.Buffer{}, &bytes.Buffer{})
	if !mockroom.IsKind(err, mockroom.KindUnavailable) || strings.Contains(mockroom.AsError(err).Message, "secret") {
		t.Errorf("unreachable Redis: %v", err)
	}
}
