package local

import (
	"log/slog"
	"os"
	"path/filepath"
	"testing"

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

func TestFavorDynMods(t *testing.T) {
	for _, tc := range []struct {
		name, mounts string
		want         bool
	}{
		{"v1 default", "tmpfs /sys/fs/cgroup tmpfs rw,relatime,mode=755 0 0\ncgroup /sys/fs/cgroup/memory cgroup rw,relatime,memory 0 0\n", false},
		{"v1 favoured", "cgroup /sys/fs/cgroup/memory cgroup rw,relatime,memory 0 0\ncgroup /sys/fs/cgroup/pids cgroup rw,relatime,favordynmods,pids 0 0\n", true},
		{"v2 favoured", "cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime,nsdelegate,favordynmods 0 0\n", true},
		{"not a cgroup mount", "none /mnt tmpfs rw,favordynmods 0 0\n", false},
		{"option prefix only", "cgroup /sys/fs/cgroup/cpu cgroup rw,favordynmodsx,cpu 0 0\n", false},
		{"empty", "", false},
		{"short line", "cgroup\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := favorDynMods(tc.mounts); got != tc.want {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
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
