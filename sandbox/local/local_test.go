package local

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/sandbox"
	"github.com/mockroom/mockroom/sandbox/sandboxtest"
	"github.com/mockroom/mockroom/sandbox/toolchain"
	"golang.org/x/sys/unix"
)

// testConfig shares the Go standard library build across test runs.
func testConfig() Config {
	return Config{
		DataDir: filepath.Join(os.TempDir(), "mockroom-sandbox-test"),
		Logger:  slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
	}
}

func newTestRunner(t testing.TB) *Runner {
	t.Helper()
	ok, why := Available()
	testenv.Need(t, "sandbox (root + cgroups)", ok, why)
	r, err := New(testConfig())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := r.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return r
}

func TestConformance(t *testing.T) {
	sandboxtest.RunWith(t, func(t *testing.T) sandbox.Runner {
		r := newTestRunner(t)
		if err := r.PrepareGo(t.Context()); err != nil {
			t.Fatal(err)
		}
		return r
	}, sandboxtest.Options{Seccomp: true})
}

// TestSeccompNames: every call the shared list denies has a number here, and
// the namespace flags are the kernel's.
func TestSeccompNames(t *testing.T) {
	for _, n := range toolchain.DeniedSyscalls {
		if _, ok := syscallNumbers[n]; !ok {
			t.Errorf("no syscall number for %q", n)
		}
	}
	want := unix.CLONE_NEWUSER | unix.CLONE_NEWNS | unix.CLONE_NEWPID | unix.CLONE_NEWNET |
		unix.CLONE_NEWIPC | unix.CLONE_NEWUTS | unix.CLONE_NEWCGROUP | unix.CLONE_NEWTIME
	if toolchain.NamespaceCloneFlags != want {
		t.Errorf("NamespaceCloneFlags %#x, want %#x", toolchain.NamespaceCloneFlags, want)
	}
	_ = seccompFilter() // panics on a name without a number
}

// TestCgroupMeasures: the container-wide cgroup counts a run's CPU time and
// peak memory (not what the container held before), across runs of one
// container, and an OOM kill is a memory_limit.
func TestCgroupMeasures(t *testing.T) {
	r := newTestRunner(t)
	ctx := t.Context()
	compile := func(src string) *sandbox.Build {
		b, err := r.Compile(ctx, sandbox.Program{Language: sandbox.Python, Files: map[string][]byte{"main.py": []byte(src)}}, sandbox.Limits{})
		if err != nil || !b.OK {
			t.Fatalf("compile: %v %+v", err, b)
		}
		return b
	}
	alloc := compile("import sys\nn = int(sys.stdin.read()) << 20\nx = bytearray(n)\nfor i in range(0, n, 4096): x[i] = 1\nprint('ok')\n")
	spin := compile("import time\nt = time.process_time()\nwhile time.process_time() - t < 0.3: pass\nprint('ok')\n")
	lim := sandbox.Limits{MemoryBytes: 128 << 20, CPUTime: 2 * time.Second, WallTime: 4 * time.Second}
	for i, tc := range []struct {
		b              *sandbox.Build
		stdin          string
		status         sandbox.Status
		memMin, memMax int64
		cpuMin, cpuMax time.Duration
	}{
		{alloc, "80", sandbox.StatusOK, 80 << 20, 120 << 20, 0, time.Second},
		{alloc, "4", sandbox.StatusOK, 4 << 20, 40 << 20, 0, time.Second}, // the previous run's 80 MiB is not counted again
		{spin, "", sandbox.StatusOK, 0, 40 << 20, 300 * time.Millisecond, time.Second},
		{alloc, "200", sandbox.StatusMemoryLimit, 0, 1 << 40, 0, 2 * time.Second},
		{alloc, "4", sandbox.StatusOK, 4 << 20, 40 << 20, 0, time.Second},
	} {
		res, err := r.Run(ctx, tc.b, []byte(tc.stdin), lim)
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != tc.status {
			t.Fatalf("run %d: status %s, want %s (stderr %.300q)", i, res.Status, tc.status, res.Stderr)
		}
		if tc.status == sandbox.StatusOK && (res.Memory < tc.memMin || res.Memory > tc.memMax || res.CPUTime < tc.cpuMin || res.CPUTime > tc.cpuMax) {
			t.Fatalf("run %d: memory %d MiB (want %d..%d), cpu %v (want %v..%v)", i, res.Memory>>20, tc.memMin>>20, tc.memMax>>20, res.CPUTime, tc.cpuMin, tc.cpuMax)
		}
	}
}

// TestParallelism: runs beyond Parallelism wait for a slot (go-judge's
// Execute, which the engine calls, does not limit itself): never more
// containers in use at once than that.
func TestParallelism(t *testing.T) {
	ok, why := Available()
	testenv.Need(t, "sandbox (root + cgroups)", ok, why)
	cfg := testConfig()
	cfg.Parallelism = 2
	r, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, err := r.Compile(t.Context(), sandbox.Program{Language: sandbox.Python, Files: map[string][]byte{"main.py": []byte("import time\ntime.sleep(0.2)\n")}}, sandbox.Limits{})
	if err != nil || !b.OK {
		t.Fatalf("compile: %v", err)
	}
	errs := make(chan error, 6)
	for range 6 {
		go func() {
			res, err := r.Run(t.Context(), b, nil, sandbox.Limits{})
			if err == nil && res.Status != sandbox.StatusOK {
				err = fmt.Errorf("status %s", res.Status)
			}
			errs <- err
		}()
	}
	for range 6 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	e := r.engine()
	e.pool.mu.Lock()
	peak := e.pool.peakInUse
	e.pool.mu.Unlock()
	if peak > 2 {
		t.Fatalf("%d containers in use at once, want at most Parallelism (2)", peak)
	}
}
