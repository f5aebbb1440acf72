package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/storage"
	"github.com/mockroom/mockroom/storage/sqlite"
)

// `mockroom audit verify` passes an intact chain and fails, naming the
// entry, once a row was edited by hand.
func TestAuditVerify(t *testing.T) {
	dir := t.TempDir()
	ctx := mockroom.AsService(context.Background())
	db, err := sqlite.Open(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{"admin.grant_credits", "policy.change", "user.delete"} {
		if err := db.AppendAudit(ctx, storage.AuditEntry{Action: a, Metadata: json.RawMessage(`{"n":1}`)}); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	env := envOf(map[string]string{"DATA_DIR": dir})

	var out, errOut bytes.Buffer
	if err := runAudit(ctx, []string{"verify"}, env, &out, &errOut); err != nil || !strings.Contains(out.String(), "ok: 3 entries verified") {
		t.Fatalf("intact chain: %v, %q %q", err, out.String(), errOut.String())
	}

	db, err = sqlite.Open(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP TRIGGER audit_log_erase_only`, `UPDATE audit_log SET action = 'nothing' WHERE seq = 2`} {
		if _, err := db.Writer.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	out.Reset()
	err = run(ctx, []string{"mockroom", "audit", "verify"}, env, &out, &errOut)
	if !errors.Is(err, errAuditBroken) || !strings.Contains(out.String(), "BROKEN at entry 2") {
		t.Fatalf("tampered chain: %v, %q", err, out.String())
	}

	for _, args := range [][]string{nil, {"check"}, {"verify", "extra"}} {
		errOut.Reset()
		if err := runAudit(ctx, args, env, &out, &errOut); !errors.Is(err, errUsage) || !strings.Contains(errOut.String(), "audit verify") {
			t.Errorf("%q: %v, usage %q", args, err, errOut.String())
		}
	}
}
