package postgres_test

import (
	"testing"

	"github.com/mockroom/mockroom/storage"
	"github.com/mockroom/mockroom/storage/postgres"
	"github.com/mockroom/mockroom/storage/storagetest"
)

// On PostgreSQL the triggers refuse UPDATE, DELETE and TRUNCATE; a superuser
// can disable them, as the test does before tampering, and verify must
// notice what it did.
func TestAuditTamper(t *testing.T) {
	storagetest.AuditTamper(t, func(t *testing.T) storage.DB { return open(t) }, func(t *testing.T, db storage.DB) {
		w := db.(*postgres.DB).Writer
		if _, err := w.Exec(`ALTER TABLE audit_log DISABLE TRIGGER USER`); err != nil {
			t.Fatal(err)
		}
	})
}
