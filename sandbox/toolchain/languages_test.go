package toolchain

import (
	"log/slog"
	"testing"
	"time"

	"github.com/mockroom/mockroom/sandbox"
)

// TestHeapExhausted: each runtime's own out-of-heap message (read from its
// recipe) marks a memory limit; other languages and other stderr do not.
func TestHeapExhausted(t *testing.T) {
	for _, c := range []struct {
		lang   sandbox.Language
		stderr string
		want   bool
	}{
		{sandbox.Java, "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space\n", true},
		{sandbox.JavaScript, "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n", true},
		{sandbox.TypeScript, "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n", true},
		{sandbox.Python, "Traceback (most recent call last):\n  File \"main.py\", line 1\nMemoryError\n", true},
		{sandbox.Python, "MemoryErrorish", false},
		{sandbox.Java, "Exception in thread \"main\" java.lang.StackOverflowError\n", false},
		{sandbox.Go, "fatal error: runtime: out of memory\n", false},
		{sandbox.Cpp, "java.lang.OutOfMemoryError", false},
	} {
		if got := heapExhausted(c.lang, []byte(c.stderr)); got != c.want {
			t.Errorf("heapExhausted(%s, %q) = %v, want %v", c.lang, c.stderr, got, c.want)
		}
	}
}

// TestStatus: a program killed past its CPU or wall limit is a time limit
// whichever clock fired (SIGXCPU from the kernel can beat go-judge's tick on
// a loaded host); a crash within its limits stays a runtime error.
// Regression: forged passes then a spin, killed by SIGXCPU at 2,640 ms of a
// 2,000 ms limit, judged accepted.
func TestStatus(t *testing.T) {
	lim := sandbox.Limits{CPUTime: 2 * time.Second, WallTime: 4 * time.Second, OutputBytes: 100}
	r := &Runner{log: slog.New(slog.DiscardHandler)}
	for _, c := range []struct {
		name string
		out  Outcome
		want sandbox.Status
	}{
		{"accepted", Outcome{Status: gjAccepted, CPUTime: time.Second}, sandbox.StatusOK},
		{"go-judge's tick", Outcome{Status: gjTime, CPUTime: 2050 * time.Millisecond}, sandbox.StatusTimeLimit},
		{"SIGXCPU", Outcome{Status: gjSignalled, ExitStatus: 24, CPUTime: 2640 * time.Millisecond}, sandbox.StatusTimeLimit},
		{"SIGKILL past the CPU limit", Outcome{Status: gjSignalled, ExitStatus: 9, CPUTime: 2100 * time.Millisecond}, sandbox.StatusTimeLimit},
		{"SIGKILL past the wall limit", Outcome{Status: gjSignalled, ExitStatus: 9, CPUTime: 100 * time.Millisecond, WallTime: 4 * time.Second}, sandbox.StatusTimeLimit},
		{"SIGKILL by the watcher just short of the CPU limit", Outcome{Status: gjSignalled, ExitStatus: 9, CPUTime: 1900 * time.Millisecond}, sandbox.StatusTimeLimit},
		{"SIGKILL well within the limit (the program's own)", Outcome{Status: gjSignalled, ExitStatus: 9, CPUTime: 100 * time.Millisecond}, sandbox.StatusRuntimeError},
		{"segfault in time", Outcome{Status: gjSignalled, ExitStatus: 11, CPUTime: 100 * time.Millisecond}, sandbox.StatusRuntimeError},
		{"exit 1 in time", Outcome{Status: gjNonzero, ExitStatus: 1, CPUTime: 100 * time.Millisecond}, sandbox.StatusRuntimeError},
		{"over the output budget", Outcome{Status: gjSignalled, ExitStatus: 9, Stdout: make([]byte, 101)}, sandbox.StatusOutputLimit},
		{"python out of heap", Outcome{Status: gjNonzero, ExitStatus: 1, Stderr: []byte("Traceback (most recent call last):\n  File \"main.py\", line 1\nMemoryError\n")}, sandbox.StatusMemoryLimit},
	} {
		if got := r.status(sandbox.Python, &c.out, lim); got != c.want {
			t.Errorf("%s: status %s, want %s", c.name, got, c.want)
		}
	}
}
