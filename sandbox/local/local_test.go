package local

import (
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/sandbox"
	"github.com/mockroom/mockroom/sandbox/sandboxtest"
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
