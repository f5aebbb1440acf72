package testenv

import (
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

// recorder stands in for a test, noting whether it was failed or skipped;
// both end its goroutine, as they do a test's.
type recorder struct {
	testing.TB
	failed, skipped bool
}

func (r *recorder) Helper()               { /* no frames to hide */ }
func (r *recorder) Fatalf(string, ...any) { r.failed = true; runtime.Goexit() }
func (r *recorder) Skip(...any)           { r.skipped = true; runtime.Goexit() }

// A missing toolchain skips on a developer's machine and fails in CI; one
// that is there does neither.
func TestNeedToolchain(t *testing.T) {
	for _, tc := range []struct {
		name          string
		lang          string
		required      string
		fail, skipped bool
	}{
		{"present", "python", "1", false, false},
		{"missing here", "typescript", "", false, true},
		{"missing in CI", "typescript", "1", true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(RequireServicesEnv, tc.required)
			r := &recorder{TB: t}
			done := make(chan struct{})
			go func() {
				defer close(done)
				NeedToolchain(r, tc.lang, []string{"python", "go"})
			}()
			<-done
			if r.failed != tc.fail || r.skipped != tc.skipped {
				t.Fatalf("failed %v skipped %v, want %v %v", r.failed, r.skipped, tc.fail, tc.skipped)
			}
		})
	}
}

func TestEventually(t *testing.T) {
	var n atomic.Int32
	if !Eventually(5*time.Second, func() bool { return n.Add(1) == 3 }) {
		t.Fatal("a condition that comes true was given up on")
	}
	start := time.Now()
	if Eventually(50*time.Millisecond, func() bool { return false }) {
		t.Fatal("a condition that never holds was reported as held")
	}
	if waited := time.Since(start); waited < 50*time.Millisecond {
		t.Fatalf("gave up after %v, before the timeout", waited)
	}
}
