// Package testenv decides what a test does when a service it needs (PostgreSQL,
// Redis, Chromium, a language toolchain) is missing: skip loudly on a
// developer's machine, fail in CI where MOCKROOM_TEST_REQUIRE_SERVICES=1.
package testenv

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// RequireServicesEnv turns every skip for a missing service into a failure.
const RequireServicesEnv = "MOCKROOM_TEST_REQUIRE_SERVICES"

// Required reports whether missing services must fail tests.
func Required() bool { return os.Getenv(RequireServicesEnv) == "1" }

// Need skips (or, in CI, fails) t when available is false.
func Need(t testing.TB, service string, available bool, why string) {
	t.Helper()
	if available {
		return
	}
	msg := "SKIPPED LOUDLY: " + service + " is not available (" + why + "); set " + RequireServicesEnv + "=1 to make this a failure"
	if Required() {
		t.Fatalf("%s is required (%s=1) but not available: %s", service, RequireServicesEnv, why)
	}
	t.Skip(msg)
}

// NeedToolchain skips (or, in CI, fails) t when lang is not among the
// languages a runner or judge found a toolchain for (offered), so that a
// language missing from a machine is never silently left untested.
func NeedToolchain[L ~string](t testing.TB, lang L, offered []L) {
	t.Helper()
	Need(t, string(lang)+" toolchain", slices.Contains(offered, lang), "the runner found none on this machine; see the README's sandbox section")
}

// Reachable reports whether a TCP address accepts connections.
func Reachable(addr string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	c, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// PostgresURL is the server tests use, overridable by MOCKROOM_TEST_DATABASE_URL.
func PostgresURL() string {
	if u := os.Getenv("MOCKROOM_TEST_DATABASE_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

// RedisAddr is the server tests use, overridable by MOCKROOM_TEST_REDIS_ADDR.
func RedisAddr() string {
	if a := os.Getenv("MOCKROOM_TEST_REDIS_ADDR"); a != "" {
		return a
	}
	return "127.0.0.1:6379"
}

// NeedPostgres skips or fails t when PostgreSQL is not reachable.
func NeedPostgres(t testing.TB) string {
	t.Helper()
	Need(t, "PostgreSQL", Reachable("127.0.0.1:5432") || os.Getenv("MOCKROOM_TEST_DATABASE_URL") != "", "nothing listens on 127.0.0.1:5432")
	return PostgresURL()
}

// NeedRedis skips or fails t when Redis is not reachable.
func NeedRedis(t testing.TB) string {
	t.Helper()
	addr := RedisAddr()
	Need(t, "Redis", Reachable(addr), "nothing listens on "+addr)
	return addr
}

// Eventually checks cond at once and then every 10 ms until it holds or
// timeout passes, and reports whether it held: tests wait for a condition,
// never for a fixed time.
func Eventually(timeout time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
	return true
}

// Clock is a settable clock for tests.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock reading t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now reads the clock.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// MailpitVersion is the Mailpit the tests and .ci/run expect
// (go install github.com/axllent/mailpit@MailpitVersion).
const MailpitVersion = "v1.33.1"

// NeedMailpit skips or fails t when the mailpit binary is neither on PATH
// nor in $(go env GOPATH)/bin, and returns its path.
func NeedMailpit(t testing.TB) string {
	t.Helper()
	path := findBinary("mailpit")
	Need(t, "Mailpit", path != "", "no mailpit on PATH or in $(go env GOPATH)/bin; go install github.com/axllent/mailpit@"+MailpitVersion)
	return path
}

// StripeMockVersion is the stripe-mock the tests and .ci/run expect
// (go install github.com/stripe/stripe-mock@StripeMockVersion).
const StripeMockVersion = "v0.203.0"

// NeedStripeMock skips or fails t when the stripe-mock binary is neither on
// PATH nor in $(go env GOPATH)/bin, and returns its path.
func NeedStripeMock(t testing.TB) string {
	t.Helper()
	path := findBinary("stripe-mock")
	Need(t, "stripe-mock", path != "", "no stripe-mock on PATH or in $(go env GOPATH)/bin; go install github.com/stripe/stripe-mock@"+StripeMockVersion)
	return path
}

// findBinary looks on PATH, then in $(go env GOPATH)/bin; "" when absent.
func findBinary(name string) string {
	path, err := exec.LookPath(name)
	if err != nil {
		gopath := ""
		if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
			gopath = strings.TrimSpace(string(out))
		}
		for _, dir := range filepath.SplitList(gopath) {
			if p := filepath.Join(dir, "bin", name); fileExists(p) {
				path = p
				break
			}
		}
	}
	return path
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}
