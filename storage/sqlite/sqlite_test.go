package sqlite_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/storage"
	"github.com/mockroom/mockroom/storage/sqlite"
	"github.com/mockroom/mockroom/storage/storagetest"
)

func open(t *testing.T, dir string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), dir, mockroom.SystemClock{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	return db
}

func TestConformance(t *testing.T) {
	storagetest.Run(t, func(t *testing.T) storage.DB { return open(t, t.TempDir()) })
}

// The pragmas that matter hold on the connections the store uses.
func TestPragmas(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nested", "dir with space?#")
	db := open(t, dir)
	if _, err := os.Stat(filepath.Join(dir, sqlite.FileName)); err != nil {
		t.Fatalf("database file not where expected: %v", err)
	}
	for _, tc := range []struct {
		pool   *sql.DB
		pragma string
		want   string
	}{
		{db.Writer, "journal_mode", "wal"},
		{db.Reader, "journal_mode", "wal"},
		{db.Writer, "foreign_keys", "1"},
		{db.Reader, "foreign_keys", "1"},
		{db.Writer, "busy_timeout", "10000"},
		{db.Reader, "query_only", "1"},
		{db.Writer, "query_only", "0"},
	} {
		var got string
		if err := tc.pool.QueryRow("PRAGMA " + tc.pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("PRAGMA %s = %q, want %q", tc.pragma, got, tc.want)
		}
	}
}

// Reopening an existing file migrates nothing and keeps the data; Migrate on
// its own prepares a file that Open then accepts.
func TestReopenAndMigrate(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if err := sqlite.Migrate(ctx, dir); err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(ctx, dir, mockroom.SystemClock{})
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := db.MigrationsApplied(ctx); err != nil || !ok {
		t.Fatalf("MigrationsApplied = %v, %v", ok, err)
	}
	if _, err := db.AddCredits(ctx, mockroom.NewID(), 1, "bonus", "", ""); !mockroom.IsKind(err, mockroom.KindNotFound) {
		t.Fatalf("AddCredits(unknown) = %v", err)
	}
	db.Close()
	db = open(t, dir)
	if ok, err := db.MigrationsApplied(ctx); err != nil || !ok {
		t.Fatalf("after reopen MigrationsApplied = %v, %v", ok, err)
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	if _, err := sqlite.Open(ctx, "", nil); !mockroom.IsKind(err, mockroom.KindInvalid) {
		t.Fatalf("Open(\"\") = %v, want invalid", err)
	}
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := sqlite.Open(ctx, file, nil); err == nil {
		t.Fatal("Open on a regular file as the data dir succeeded")
	}
}
