package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/account"
	"github.com/mockroom/mockroom/storage/sqlite"
)

func TestAdminGrantRevoke(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	first := &account.User{Email: "first@example.com", PasswordHash: "x"}
	ada := &account.User{Email: "ada@example.com", PasswordHash: "x"}
	for _, u := range []*account.User{first, ada} {
		if err := db.CreateUser(ctx, u, &account.Profile{}, 0); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	env := envOf(map[string]string{"DATA_DIR": dir})
	isAdmin := func() bool {
		t.Helper()
		db, err := sqlite.Open(ctx, dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		u, err := db.UserByEmail(mockroom.AsService(ctx), "ada@example.com")
		if err != nil {
			t.Fatal(err)
		}
		return u.IsAdmin
	}
	for _, tc := range []struct {
		args  []string
		want  string // in the error, "" for success
		admin bool
	}{
		{[]string{"grant", "Ada@Example.com"}, "", true},
		{[]string{"grant", "ada@example.com"}, "", true},
		{[]string{"revoke", "ada@example.com"}, "", false},
		{[]string{"grant", "nobody@example.com"}, "no user signed up as nobody@example.com", false},
		{[]string{"grant", "ada"}, "not an email address", false},
	} {
		var out, errOut bytes.Buffer
		err := runAdmin(ctx, tc.args, env, &out, &errOut)
		if tc.want == "" && err != nil {
			t.Fatalf("%v: %v (%s)", tc.args, err, errOut.String())
		}
		if tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Fatalf("%v: error %v, want %q", tc.args, err, tc.want)
		}
		if got := isAdmin(); got != tc.admin {
			t.Fatalf("%v: admin = %v, want %v", tc.args, got, tc.admin)
		}
	}
	db, _ = sqlite.Open(ctx, dir, nil)
	log, _ := db.AuditLog(mockroom.AsService(ctx), 10)
	db.Close()
	if len(log) != 3 || log[0].Action != "admin.revoke" || log[2].Action != "admin.grant" {
		t.Fatalf("audit log %+v", log)
	}
	for _, args := range [][]string{nil, {"promote"}, {"grant"}} {
		var out, errOut bytes.Buffer
		if err := runAdmin(ctx, args, env, &out, &errOut); !errors.Is(err, errUsage) || !strings.Contains(errOut.String(), "admin grant") {
			t.Fatalf("%v: %v %q", args, err, errOut.String())
		}
	}
}
