package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/account"
	"github.com/mockroom/mockroom/billing"
	"github.com/mockroom/mockroom/storage/sqlite"
)

func TestCreditsGrant(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	u := &account.User{Email: "ada@example.com", PasswordHash: "x"}
	if err := db.CreateUser(ctx, u, &account.Profile{}, 0); err != nil {
		t.Fatal(err)
	}
	db.Close()
	env := envOf(map[string]string{"DATA_DIR": dir})

	for _, tc := range []struct {
		name string
		args []string
		want string // in the error, "" for success
	}{
		{"grant", []string{"grant", "--reason", "beta tester", "Ada@Example.com", "5"}, ""},
		{"default reason", []string{"grant", "ada@example.com", "2"}, ""},
		{"unknown user", []string{"grant", "nobody@example.com", "5"}, "no user signed up as nobody@example.com"},
		{"zero", []string{"grant", "ada@example.com", "0"}, "from 1 to 10000"},
		{"not a number", []string{"grant", "ada@example.com", "lots"}, "from 1 to 10000"},
		{"too many", []string{"grant", "ada@example.com", "1000000"}, "from 1 to 10000"},
		{"bad email", []string{"grant", "ada", "5"}, "not an email address"},
		{"empty reason", []string{"grant", "--reason", " ", "ada@example.com", "5"}, "--reason"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := runCredits(ctx, tc.args, env, &out, &errOut)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("%v (%s)", err, errOut.String())
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one saying %q", err, tc.want)
			}
		})
	}
	for _, args := range [][]string{nil, {"give"}, {"grant", "ada@example.com"}} {
		var out, errOut bytes.Buffer
		if err := runCredits(ctx, args, env, &out, &errOut); !errors.Is(err, errUsage) || !strings.Contains(errOut.String(), "credits grant") {
			t.Errorf("%q: %v, usage %q", args, err, errOut.String())
		}
	}

	db, err = sqlite.Open(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sctx := mockroom.AsService(ctx)
	if bal, _ := db.Balance(sctx, u.ID); bal != 7 {
		t.Fatalf("balance %d, want 7", bal)
	}
	txs, _ := db.Transactions(sctx, u.ID, 10)
	if len(txs) != 2 || txs[1].Amount != 5 || txs[1].Type != billing.TxBonus || txs[1].Description != "beta tester" ||
		txs[0].Description != "granted by the operator" {
		t.Fatalf("ledger = %+v", txs)
	}
	// Each grant is in the audit chain.
	log, _ := db.AuditLog(sctx, 10)
	if len(log) != 2 || log[0].Action != "admin.grant_credits" || log[0].TargetID != u.ID {
		t.Fatalf("audit = %+v", log)
	}
	if v, _ := db.VerifyAudit(sctx); !v.OK || v.Entries != 2 {
		t.Fatalf("chain = %+v", v)
	}
}
