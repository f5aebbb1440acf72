package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/account"
	"github.com/mockroom/mockroom/billing"
	"github.com/mockroom/mockroom/storage"
)

const creditsUsage = `Usage:
  mockroom credits grant [--reason TEXT] [--data DIR] EMAIL N   add N interview credits to a user's balance

Every grant is a row in the user's credit ledger (type bonus) carrying the
reason. To run a server without credits at all, set CREDITS=unlimited.
`

// maxGrant bounds one grant, so that a typo does not hand out millions.
const maxGrant = 10000

// runCredits is `mockroom credits ...`: the operator's way to top up a
// candidate on a self-hosted server (there is no payment provider).
func runCredits(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "grant" {
		if len(args) > 0 && args[0] != "help" && args[0] != "-h" && args[0] != "--help" {
			fmt.Fprintf(stderr, "mockroom credits: unknown command %q\n\n", args[0])
		}
		fmt.Fprint(stderr, creditsUsage)
		return errUsage
	}
	fs := flag.NewFlagSet("credits grant", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data directory for SQLite (env DATA_DIR, default ./data)")
	reason := fs.String("reason", "granted by the operator", "why, kept in the ledger")
	if err := fs.Parse(args[1:]); err != nil {
		return errUsage
	}
	if fs.NArg() != 2 {
		fmt.Fprintf(stderr, "mockroom credits grant takes an email and a number of credits\n\n%s", creditsUsage)
		return errUsage
	}
	email, err := account.NormalizeEmail(fs.Arg(0))
	if err != nil {
		return fmt.Errorf("%q is not an email address", fs.Arg(0))
	}
	n, err := strconv.Atoi(fs.Arg(1))
	if err != nil || n < 1 || n > maxGrant {
		return fmt.Errorf("the number of credits must be a whole number from 1 to %d, got %q", maxGrant, fs.Arg(1))
	}
	why := strings.TrimSpace(*reason)
	if why == "" || len(why) > 200 {
		return fmt.Errorf("--reason must be 1 to 200 characters")
	}

	db, u, err := openForUser(ctx, getenv, *data, email)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx = mockroom.AsService(ctx)
	tx, err := db.AddCredits(ctx, u.ID, n, billing.TxBonus, "", why)
	if err != nil {
		return err
	}
	// Credit grants are in the audit log (seed section 7), by the operator.
	meta, _ := json.Marshal(map[string]any{"amount": n, "reason": why, "by": "operator (mockroom credits grant)", "ledger_id": tx.ID})
	if err := db.AppendAudit(ctx, storage.AuditEntry{Action: "admin.grant_credits", TargetType: "user", TargetID: u.ID, Metadata: meta}); err != nil {
		return fmt.Errorf("the credits were granted but the audit entry failed: %w", err)
	}
	fmt.Fprintf(stdout, "granted %d credit(s) to %s (%s); balance now %d\n", n, email, why, tx.BalanceAfter)
	return nil
}

// openForUser opens the store as the service (commands are the operator)
// and finds the user signed up as email; the caller closes the store.
func openForUser(ctx context.Context, getenv func(string) string, dataFlag, email string) (storage.DB, *account.User, error) {
	env := func(k string) string { return strings.TrimSpace(getenv(k)) }
	db, err := storage.Open(ctx, env("DATABASE_URL"), firstNonEmpty(dataFlag, env("DATA_DIR"), "./data"), mockroom.SystemClock{})
	if err != nil {
		return nil, nil, err
	}
	u, err := db.UserByEmail(mockroom.AsService(ctx), email)
	if mockroom.IsKind(err, mockroom.KindNotFound) {
		err = fmt.Errorf("no user signed up as %s on this server", email)
	}
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, u, nil
}
