package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/account"
	"github.com/mockroom/mockroom/storage"
)

const adminUsage = `Usage:
  mockroom admin grant [--data DIR] EMAIL    make a user an admin of this server (the admin console)
  mockroom admin revoke [--data DIR] EMAIL   take the admin flag away

The first account created on a server is its admin already. Each change is
written to the audit log.
`

// runAdmin is `mockroom admin grant|revoke EMAIL`: the operator's way to
// hand out the admin console, from the machine the server runs on.
func runAdmin(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "grant" && args[0] != "revoke") {
		if len(args) > 0 && args[0] != "help" && args[0] != "-h" && args[0] != "--help" {
			fmt.Fprintf(stderr, "mockroom admin: unknown command %q\n\n", args[0])
		}
		fmt.Fprint(stderr, adminUsage)
		return errUsage
	}
	grant := args[0] == "grant"
	fs := flag.NewFlagSet("admin "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data directory for SQLite (env DATA_DIR, default ./data)")
	if err := fs.Parse(args[1:]); err != nil {
		return errUsage
	}
	if fs.NArg() != 1 {
		fmt.Fprintf(stderr, "mockroom admin %s takes one email address\n\n%s", args[0], adminUsage)
		return errUsage
	}
	email, err := account.NormalizeEmail(fs.Arg(0))
	if err != nil {
		return fmt.Errorf("%q is not an email address", fs.Arg(0))
	}
	db, u, err := openForUser(ctx, getenv, *data, email)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx = mockroom.AsService(ctx)
	if err := db.SetAdmin(ctx, u.ID, grant); err != nil {
		return err
	}
	action := "admin.revoke"
	if grant {
		action = "admin.grant"
	}
	meta, _ := json.Marshal(map[string]string{"email": email, "via": "mockroom admin"})
	if err := db.AppendAudit(ctx, storage.AuditEntry{Action: action, TargetType: "user", TargetID: u.ID, Metadata: meta}); err != nil {
		return err
	}
	if grant {
		fmt.Fprintf(stdout, "%s is an admin now (signed-in sessions pick it up on their next request)\n", email)
	} else {
		fmt.Fprintf(stdout, "%s is no longer an admin\n", email)
	}
	return nil
}
