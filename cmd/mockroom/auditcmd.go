package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/mockroom/mockroom"
	"github.com/mockroom/mockroom/storage"
)

const auditUsage = `Usage:
  mockroom audit verify [--data DIR]   walk the audit log's hash chain; exit 1 at the first broken entry

Each entry of the audit log holds the SHA-256 of its fields and of the entry
before it, so an entry changed, removed or slipped in by hand breaks the
chain from that point on. Personal fields blanked by an account deletion are
reported as erased, not as tampering (docs/adr/0014-data-governance.md).
`

// errAuditBroken makes `audit verify` exit non-zero once it has printed why.
var errAuditBroken = errors.New("the audit chain is broken")

// runAudit is `mockroom audit ...`.
func runAudit(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "verify" {
		if len(args) > 0 && args[0] != "help" && args[0] != "-h" && args[0] != "--help" {
			fmt.Fprintf(stderr, "mockroom audit: unknown command %q\n\n", args[0])
		}
		fmt.Fprint(stderr, auditUsage)
		return errUsage
	}
	fs := flag.NewFlagSet("audit verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data directory for SQLite (env DATA_DIR, default ./data)")
	if err := fs.Parse(args[1:]); err != nil {
		return errUsage
	}
	if fs.NArg() != 0 {
		fmt.Fprintf(stderr, "mockroom audit verify takes no arguments\n\n%s", auditUsage)
		return errUsage
	}
	env := func(k string) string { return strings.TrimSpace(getenv(k)) }
	db, err := storage.Open(ctx, env("DATABASE_URL"), firstNonEmpty(*data, env("DATA_DIR"), "./data"), mockroom.SystemClock{})
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := db.VerifyAudit(mockroom.AsService(ctx))
	if err != nil {
		return err
	}
	if !v.OK {
		fmt.Fprintf(stdout, "BROKEN at entry %d (id %s): %s\n", v.BadSeq, v.BadID, v.Problem)
		fmt.Fprintf(stdout, "%d entries before it verified\n", v.Entries)
		return errAuditBroken
	}
	fmt.Fprintf(stdout, "ok: %d entries verified", v.Entries)
	if v.Erased > 0 {
		fmt.Fprintf(stdout, ", %d personal fields erased by account deletions", v.Erased)
	}
	if v.Legacy > 0 {
		fmt.Fprintf(stdout, ", %d older entries from before the chain", v.Legacy)
	}
	fmt.Fprintln(stdout)
	return nil
}
