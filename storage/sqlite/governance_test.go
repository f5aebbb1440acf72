package sqlite_test

import (
	"testing"

	"github.com/mockroom/mockroom/storage"
	"github.com/mockroom/mockroom/storage/sqlite"
	"github.com/mockroom/mockroom/storage/storagetest"
)

// On SQLite the file's owner can always edit it: the test drops the
// triggers, edits rows directly, and verify must notice.
func TestAuditTamper(t *testing.T) {
	storagetest.AuditTamper(t, func(t *testing.T) storage.DB { return open(t, t.TempDir()) }, func(t *testing.T, db storage.DB) {
		w := db.(*sqlite.DB).Writer
		for _, q := range []string{`DROP TRIGGER audit_log_no_delete`, `DROP TRIGGER audit_log_erase_only`} {
			if _, err := w.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
	})
}
