// Command mockroom is the whole product in one binary: the JSON API, the
// realtime server, the background workers and the embedded web app.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args, os.Getenv, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintln(os.Stderr, "mockroom:", err)
		}
		os.Exit(1)
	}
}

const usage = `mockroom — AI mock interviews, self-hosted.

Usage:
  mockroom serve [--addr :8080] [--data ./data]   run the server (API, realtime, workers, web app)
  mockroom migrate [--data ./data]                apply database migrations and exit
  mockroom invite [--data ./data] EMAIL           print a single-use sign-up link for EMAIL (SIGNUPS=invite)
  mockroom judge --problem SLUG --language LANG FILE   judge a file against a problem's tests
  mockroom problems verify [--lang L] [SLUG...]   check every problem's solutions and tests
  mockroom problems generate SLUG...             (re)write a problem's generated tests
  mockroom evaluate [--offline] FILE              evaluate a recorded session (runs judged again), print JSON
  mockroom events dlq [--limit N]                 list dead-lettered events (JSON lines)
  mockroom events replay ID                       re-deliver a dead-lettered event
  mockroom credits grant EMAIL N [--reason TEXT]  give a user N interview credits (a ledger row)
  mockroom audit verify                           check the audit log's hash chain (exit 1 if broken)
  mockroom admin grant|revoke EMAIL               make a user an admin (the admin console) or take it away
  mockroom version                                print the version

Configuration comes from flags and environment variables; see README.md.
`

// run is main without the process: tests call it whole.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) < 2 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	cmd, rest := args[1], args[2:]
	switch cmd {
	case "serve":
		cfg, err := parseServeConfig(rest, getenv, stderr)
		if err != nil {
			return err
		}
		return serve(ctx, cfg, stdout, nil)
	case "migrate":
		return migrate(ctx, rest, getenv, stdout, stderr)
	case "invite":
		return invite(ctx, rest, getenv, stdout, stderr)
	case "judge":
		return runJudge(ctx, rest, getenv, stdout, stderr)
	case "problems":
		return runProblems(ctx, rest, getenv, stdout, stderr)
	case "evaluate":
		return runEvaluate(ctx, rest, getenv, stdout, stderr)
	case "events":
		return runEvents(ctx, rest, getenv, stdout, stderr)
	case "credits":
		return runCredits(ctx, rest, getenv, stdout, stderr)
	case "audit":
		return runAudit(ctx, rest, getenv, stdout, stderr)
	case "admin":
		return runAdmin(ctx, rest, getenv, stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, "mockroom", version)
		return nil
	case "help", "--help", "-h":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprintf(stderr, "mockroom: unknown command %q\n\n%s", cmd, usage)
		return errUsage
	}
}
