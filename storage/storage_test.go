package storage_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/storage"
	"github.com/mockroom/mockroom/storage/sqlite"
	"github.com/mockroom/mockroom/storage/storagetest"
)

func TestEngine(t *testing.T) {
	for _, tc := range []struct {
		url, want string
		bad       bool
	}{
		{"", "sqlite", false},
		{"   ", "sqlite", false},
		{"postgres://u:p@localhost:5432/db", "postgres", false},
		{"postgresql://localhost/db?sslmode=disable", "postgres", false},
		{"POSTGRES://localhost/db", "postgres", false},
		{"mysql://u:secret@localhost/db", "", true},
		{"sqlite:///var/lib/mockroom.db", "", true},
		{"host=localhost user=u password=secret", "", true},
		{"localhost:5432", "", true},
		{"://nonsense", "", true},
	} {
		got, err := storage.Engine(tc.url)
		if tc.bad {
			if !mockroom.IsKind(err, mockroom.KindInvalid) {
				t.Errorf("Engine(%q) = %q, %v; want an invalid error", tc.url, got, err)
				continue
			}
			msg := mockroom.AsError(err).Message
			if !strings.Contains(msg, "DATABASE_URL") || strings.Contains(msg, "secret") {
				t.Errorf("Engine(%q) message %q: must name DATABASE_URL and never echo credentials", tc.url, msg)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("Engine(%q) = %q, %v; want %q", tc.url, got, err, tc.want)
		}
	}
}

func TestOpenRejectsBadURL(t *testing.T) {
	dir := t.TempDir()
	_, err := storage.Open(context.Background(), "mysql://root:secret@db/app", dir, nil)
	if !mockroom.IsKind(err, mockroom.KindInvalid) || !strings.Contains(err.Error(), "DATABASE_URL") {
		t.Fatalf("Open(mysql://) = %v", err)
	}
	if err := storage.Migrate(context.Background(), "redis://x", dir); !mockroom.IsKind(err, mockroom.KindInvalid) {
		t.Fatalf("Migrate(redis://) = %v", err)
	}
	// Nothing was created for the rejected URL.
	if _, err := os.Stat(filepath.Join(dir, sqlite.FileName)); !os.IsNotExist(err) {
		t.Fatalf("a rejected URL still created the SQLite file: %v", err)
	}
}

func TestOpenPicksEngine(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := storage.Open(ctx, "", dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, ok := db.(*sqlite.DB); !ok {
		t.Fatalf("empty DATABASE_URL opened %T", db)
	}
	if ok, err := db.MigrationsApplied(ctx); err != nil || !ok {
		t.Fatalf("MigrationsApplied = %v, %v", ok, err)
	}

	dsn := storagetest.FreshPostgres(t)
	if err := storage.Migrate(ctx, dsn, ""); err != nil {
		t.Fatal(err)
	}
	pg, err := storage.Open(ctx, dsn, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	if err := pg.Ping(ctx); err != nil {
		t.Fatal(err)
	}
}
